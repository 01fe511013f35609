package io.ramgrants.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered RAM writes of one pass, grouped by role. A role that matches RAM has an empty
 * role plan, so "nothing to do" is {@link #isEmpty()} and nothing else.
 */
public record Plan(List<RolePlan> roles) {
    public Plan {
        roles = List.copyOf(roles);
    }

    public static Plan empty() {
        return new Plan(List.of());
    }

    /**
     * A plan in which an action already planned for an earlier role is not repeated, e.g. two
     * roles that need the same custom policy create it once.
     */
    public static Plan withoutRepeats(List<RolePlan> rolePlans) {
        Set<PlannedAction> seen = new HashSet<>();
        List<RolePlan> kept = new ArrayList<>();
        for (RolePlan rolePlan : rolePlans) {
            List<PlannedAction> actions = rolePlan.actions().stream().filter(seen::add).toList();
            kept.add(new RolePlan(rolePlan.accountId(), rolePlan.roleName(), actions));
        }
        return new Plan(kept);
    }

    public List<PlannedAction> actions() {
        List<PlannedAction> all = new ArrayList<>();
        roles.forEach(r -> all.addAll(r.actions()));
        return all;
    }

    public boolean isEmpty() {
        return roles.stream().allMatch(RolePlan::isEmpty);
    }

    /** The plan as printable lines, one per action, in execution order. */
    public List<String> lines() {
        return actions().stream().map(PlannedAction::line).toList();
    }

    @Override
    public String toString() {
        return isEmpty() ? "(no changes)" : String.join("\n", lines());
    }
}
