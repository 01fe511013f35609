package io.ramgrants.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A RAM policy document (trust or permission policy) as a value. RAM re-serialises what it
 * stores (key order, a single string vs a one-element list, whitespace, a missing
 * {@code Version}), so documents are compared through this model and never as strings:
 * {@link #equals(Object)} is semantic equality. Statements are kept in a canonical order,
 * without repeats, because neither order nor repetition carries meaning.
 */
public record PolicyDocument(String version, List<Statement> statements) {
    public static final String DEFAULT_VERSION = "1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public PolicyDocument {
        version = version == null || version.isBlank() ? DEFAULT_VERSION : version;
        // A repeated statement grants nothing more: statements are a set, like actions.
        statements = statements.stream().distinct().sorted(Comparator.comparing(PolicyDocument::canonicalKey)).toList();
    }

    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(DEFAULT_VERSION, List.of(statements));
    }

    /** Parses a document as RAM accepts it; throws {@link MalformedPolicyException} otherwise. */
    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("policy document is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedPolicyException("policy document is missing", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("policy document must be a JSON object");
        }
        JsonNode version = root.get("Version");
        if (version != null && !version.isTextual()) {
            throw new MalformedPolicyException("Version must be a string");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new MalformedPolicyException("policy document has no Statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(parseStatement(node));
        }
        return new PolicyDocument(version == null ? null : version.asText(), statements);
    }

    /** The compact form RAM stores: no whitespace, keys in alphabetical order. */
    public String toJson() {
        return toJsonNode().toString();
    }

    public ObjectNode toJsonNode() {
        ObjectNode root = NODES.objectNode();
        ArrayNode array = root.putArray("Statement");
        statements.forEach(s -> array.add(statementNode(s)));
        root.put("Version", version);
        return root;
    }

    /** Length of the compact form, which is what RAM counts against its 6144-character limit. */
    public int length() {
        return toJson().length();
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static Statement parseStatement(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedPolicyException("each Statement must be a JSON object");
        }
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual()
                || !(Statement.ALLOW.equals(effect.asText()) || Statement.DENY.equals(effect.asText()))) {
            throw new MalformedPolicyException("Statement.Effect must be \"Allow\" or \"Deny\"");
        }
        List<String> actions = stringOrList(node.get("Action"), "Action");
        List<String> notActions = stringOrList(node.get("NotAction"), "NotAction");
        if (actions.isEmpty() && notActions.isEmpty()) {
            throw new MalformedPolicyException("Statement needs an Action");
        }
        return new Statement(effect.asText(), actions, notActions, stringOrList(node.get("Resource"), "Resource"),
                parsePrincipal(node.get("Principal")), canonicalCondition(node.get("Condition")));
    }

    private static Principal parsePrincipal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Principal must be an object such as {\"RAM\":[...]}");
        }
        Map<String, List<String>> ids = new TreeMap<>();
        node.fields().forEachRemaining(e -> ids.put(e.getKey(), stringOrList(e.getValue(), "Principal." + e.getKey())));
        return new Principal(ids);
    }

    /** Condition: operator → key → values; values sorted, a single string read as a list. */
    static JsonNode canonicalCondition(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Condition must be an object");
        }
        ObjectNode canonical = NODES.objectNode();
        new TreeMap<String, JsonNode>(fieldMap(node)).forEach((operator, keys) -> {
            if (!keys.isObject()) {
                throw new MalformedPolicyException("Condition." + operator + " must be an object");
            }
            ObjectNode byKey = canonical.putObject(operator);
            new TreeMap<String, JsonNode>(fieldMap(keys)).forEach((key, values) -> {
                ArrayNode list = byKey.putArray(key);
                List<String> sorted = new ArrayList<>(new TreeSet<>(scalarsAsText(values, operator + "." + key)));
                sorted.forEach(list::add);
            });
        });
        return canonical;
    }

    private static Map<String, JsonNode> fieldMap(JsonNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static List<String> scalarsAsText(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : node.isArray() ? node : List.of(node)) {
            if (!v.isValueNode()) {
                throw new MalformedPolicyException("Condition " + field + " values must be strings, numbers or booleans");
            }
            values.add(v.asText());
        }
        return values;
    }

    private static List<String> stringOrList(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new MalformedPolicyException(field + " must be a string or a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw new MalformedPolicyException(field + " must contain only strings");
            }
            values.add(v.asText());
        }
        return values;
    }

    private static ObjectNode statementNode(Statement s) {
        ObjectNode node = NODES.objectNode();
        putStringOrList(node, "Action", s.actions());
        if (s.condition() != null) {
            node.set("Condition", s.condition().deepCopy());
        }
        node.put("Effect", s.effect());
        putStringOrList(node, "NotAction", s.notActions());
        if (s.principal() != null) {
            ObjectNode principal = node.putObject("Principal");
            s.principal().identifiers().forEach((type, ids) -> {
                ArrayNode list = principal.putArray(type);
                ids.forEach(list::add);
            });
        }
        putStringOrList(node, "Resource", s.resources());
        return node;
    }

    private static void putStringOrList(ObjectNode node, String field, List<String> values) {
        if (values.size() == 1) {
            node.put(field, values.get(0));
        } else if (values.size() > 1) {
            ArrayNode list = node.putArray(field);
            values.forEach(list::add);
        }
    }

    private static String canonicalKey(Statement s) {
        return statementNode(s).toString();
    }
}
