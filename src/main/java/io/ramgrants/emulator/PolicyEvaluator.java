package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Just enough of RAM's policy language for the emulator: Allow/Deny statements whose
 * {@code Action}/{@code NotAction} and {@code Resource}/{@code NotResource} match with {@code *}
 * and {@code ?} wildcards (case-insensitive), an optional principal test (trust policies), and
 * {@code StringEquals}/{@code StringLike} conditions on keys the request supplies. An explicit
 * Deny wins. A request on several resources (AttachPolicyToRole: the role and the policy) is
 * allowed only when each of them is.
 */
final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** A trust policy decision: trust statements name no resource. */
    static boolean allows(List<JsonNode> documents, String action, Predicate<JsonNode> principal,
                          Map<String, List<String>> conditionContext) {
        return allowsOn(documents, action, null, principal, conditionContext);
    }

    /** A permission policy decision: {@code action} on every one of {@code resources}. */
    static boolean allows(List<JsonNode> documents, String action, List<String> resources) {
        if (resources.isEmpty()) {
            return false;
        }
        for (String resource : resources) {
            if (!allowsOn(documents, action, resource, p -> true, Map.of())) {
                return false;
            }
        }
        return true;
    }

    /** {@code resource} null: resources are not evaluated (trust policies). */
    private static boolean allowsOn(List<JsonNode> documents, String action, String resource,
                                    Predicate<JsonNode> principal, Map<String, List<String>> conditionContext) {
        boolean allowed = false;
        for (JsonNode doc : documents) {
            for (JsonNode statement : doc.path("Statement")) {
                if (!matchesAction(statement, action) || (resource != null && !matchesResource(statement, resource))
                        || !principal.test(statement.path("Principal"))
                        || !conditionsHold(statement.path("Condition"), conditionContext)) {
                    continue;
                }
                if ("Deny".equals(statement.path("Effect").asText())) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /** True when the {@code type} principal of a trust statement names {@code arn} (case-insensitive). */
    static boolean principalNames(JsonNode principal, String type, String arn) {
        return arn != null && StoredPolicyDocuments.strings(principal.get(type)).stream().anyMatch(arn::equalsIgnoreCase);
    }

    private static boolean matchesAction(JsonNode statement, String action) {
        if (statement.has("NotAction")) {
            return StoredPolicyDocuments.strings(statement.get("NotAction")).stream().noneMatch(p -> wildcard(p, action));
        }
        return StoredPolicyDocuments.strings(statement.get("Action")).stream().anyMatch(p -> wildcard(p, action));
    }

    private static boolean matchesResource(JsonNode statement, String resource) {
        if (statement.has("NotResource")) {
            return StoredPolicyDocuments.strings(statement.get("NotResource")).stream().noneMatch(p -> wildcard(p, resource));
        }
        return StoredPolicyDocuments.strings(statement.get("Resource")).stream().anyMatch(p -> wildcard(p, resource));
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, List<String>> context) {
        if (condition.isMissingNode() || condition.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> operator : (Iterable<Map.Entry<String, JsonNode>>) condition::fields) {
            boolean like = operator.getKey().equals("StringLike");
            if (!like && !operator.getKey().equals("StringEquals")) {
                return false;
            }
            for (Map.Entry<String, JsonNode> test : (Iterable<Map.Entry<String, JsonNode>>) operator.getValue()::fields) {
                List<String> actual = context.getOrDefault(test.getKey(), List.of());
                List<String> expected = StoredPolicyDocuments.strings(test.getValue());
                boolean any = actual.stream().anyMatch(a -> expected.stream()
                        .anyMatch(e -> like ? wildcardCaseSensitive(e, a) : e.equals(a)));
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean wildcard(String pattern, String value) {
        return toRegex(pattern, Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }

    private static boolean wildcardCaseSensitive(String pattern, String value) {
        return toRegex(pattern, 0).matcher(value).matches();
    }

    private static Pattern toRegex(String pattern, int flags) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("(?=[*?])|(?<=[*?])")) {
            switch (literal) {
                case "*" -> regex.append(".*");
                case "?" -> regex.append('.');
                default -> regex.append(Pattern.quote(literal));
            }
        }
        return Pattern.compile(regex.toString(), flags);
    }
}
