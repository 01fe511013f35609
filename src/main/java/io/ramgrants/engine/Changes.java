package io.ramgrants.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the field-level {@link Change}s of actions from the documents before and after: trust
 * principals by principal type, custom policy actions one by one, and whole documents only for
 * what those do not capture. Documents are read leniently: an unreadable one is shown whole.
 */
final class Changes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Principal types listed one by one; any other principal difference shows as a whole-document change. */
    static final List<String> PRINCIPAL_TYPES = List.of("RAM", "Service");

    private Changes() {}

    /** Trust policy changes: principals added and removed per type, else the documents. */
    static List<Change> trust(String action, String account, String role, String before, String after) {
        List<Change> changes = new ArrayList<>();
        JsonNode old = read(before);
        JsonNode now = read(after);
        if ((before != null && old == null) || (after != null && now == null)) {
            changes.add(new Change(Change.CHANGED, action, account, role, null, "trust", before, after, ""));
            return changes;
        }
        for (String type : PRINCIPAL_TYPES) {
            Set<String> was = principals(old, type);
            Set<String> is = principals(now, type);
            setChanges(changes, action, account, role, null, "trust.principal." + type, was, is);
        }
        boolean rest = !Objects.equals(withoutPrincipals(old), withoutPrincipals(now));
        if (before != null && after != null && (rest || changes.isEmpty())) {
            changes.add(new Change(Change.CHANGED, action, account, role, null, "trust", before, after, ""));
        }
        return changes;
    }

    /** Custom policy document changes: actions added and removed, else the documents. */
    static List<Change> policy(String action, String account, String role, String policy, String before,
                               String after) {
        List<Change> changes = new ArrayList<>();
        JsonNode old = read(before);
        JsonNode now = read(after);
        if ((before != null && old == null) || (after != null && now == null)) {
            changes.add(new Change(Change.CHANGED, action, account, role, policy, "policy.document", before, after, ""));
            return changes;
        }
        setChanges(changes, action, account, role, policy, "policy.action", actions(old), actions(now));
        boolean rest = !Objects.equals(withoutActions(old), withoutActions(now));
        if (before != null && after != null && (rest || changes.isEmpty())) {
            changes.add(new Change(Change.CHANGED, action, account, role, policy, "policy.document", before, after, ""));
        }
        return changes;
    }

    private static void setChanges(List<Change> changes, String action, String account, String role, String policy,
                                   String field, Collection<String> was, Collection<String> is) {
        was.stream().filter(v -> !is.contains(v)).forEach(v ->
                changes.add(new Change(Change.REMOVED, action, account, role, policy, field, v, null, "")));
        is.stream().filter(v -> !was.contains(v)).forEach(v ->
                changes.add(new Change(Change.ADDED, action, account, role, policy, field, null, v, "")));
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    private static List<JsonNode> statements(JsonNode document) {
        List<JsonNode> statements = new ArrayList<>();
        if (document == null) {
            return statements;
        }
        JsonNode node = document.get("Statement");
        if (node != null && node.isArray()) {
            node.forEach(statements::add);
        } else if (node != null && node.isObject()) {
            statements.add(node);
        }
        return statements;
    }

    private static Set<String> principals(JsonNode document, String type) {
        Set<String> found = new LinkedHashSet<>();
        for (JsonNode statement : statements(document)) {
            JsonNode principal = statement.get("Principal");
            if (principal != null && principal.isObject()) {
                values(principal.get(type), found);
            }
        }
        return found;
    }

    private static Set<String> actions(JsonNode document) {
        Set<String> found = new LinkedHashSet<>();
        statements(document).forEach(s -> values(s.get("Action"), found));
        return found;
    }

    private static void values(JsonNode node, Set<String> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(v -> into.add(v.asText()));
        } else {
            into.add(node.asText());
        }
    }

    /** The document with the listed principal types taken out, to see whether anything else differs. */
    private static JsonNode withoutPrincipals(JsonNode document) {
        return stripped(document, "Principal", PRINCIPAL_TYPES);
    }

    private static JsonNode withoutActions(JsonNode document) {
        return stripped(document, "Action", null);
    }

    private static JsonNode stripped(JsonNode document, String key, List<String> subKeys) {
        if (document == null) {
            return null;
        }
        JsonNode copy = document.deepCopy();
        for (JsonNode statement : statements(copy)) {
            if (!(statement instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
                continue;
            }
            if (subKeys == null) {
                object.remove(key);
            } else if (object.get(key) instanceof com.fasterxml.jackson.databind.node.ObjectNode inner) {
                subKeys.forEach(inner::remove);
            }
        }
        return copy;
    }
}
