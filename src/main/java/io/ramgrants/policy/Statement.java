package io.ramgrants.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One policy statement. Actions and resources are sets (RAM does not care about their
 * order or repetition), kept sorted so record equality is semantic equality.
 * {@code condition} is kept in canonical form (operators and keys sorted, values as sorted
 * lists), or null.
 */
public record Statement(
        String effect,
        List<String> actions,
        List<String> notActions,
        List<String> resources,
        Principal principal,
        JsonNode condition) {

    public static final String ALLOW = "Allow";
    public static final String DENY = "Deny";

    public Statement {
        actions = sortedSet(actions);
        notActions = sortedSet(notActions);
        resources = sortedSet(resources);
        if (principal != null && principal.isEmpty()) {
            principal = null;
        }
        // Canonical here too, so a statement built in code equals the same statement parsed.
        condition = PolicyDocument.canonicalCondition(condition);
        if (condition != null && condition.isEmpty()) {
            condition = null;
        }
    }

    /** An Allow statement granting {@code actions} on {@code resources}. */
    public static Statement allow(Collection<String> actions, Collection<String> resources) {
        return new Statement(ALLOW, List.copyOf(actions), List.of(), List.copyOf(resources), null, null);
    }

    /** The trust statement of a role: allow {@code principal} to call sts:AssumeRole. */
    public static Statement assumeRoleBy(Principal principal) {
        return new Statement(ALLOW, List.of("sts:AssumeRole"), List.of(), List.of(), principal, null);
    }

    private static List<String> sortedSet(Collection<String> values) {
        return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
    }
}
