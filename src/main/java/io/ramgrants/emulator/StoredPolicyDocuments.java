package io.ramgrants.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates policy documents (permission and trust) and re-serialises them as RAM stores
 * them: compact JSON, keys sorted, every principal value a list, a bare account ID in a
 * {@code RAM} principal expanded to its root ARN. Callers must compare documents
 * semantically, which is the point of returning something else than was sent.
 */
final class StoredPolicyDocuments {
    enum Kind {
        PERMISSION("PolicyDocument", 6144),
        TRUST("AssumeRolePolicyDocument", 2048);

        final String parameter;
        final int maxLength;

        Kind(String parameter, int maxLength) {
            this.parameter = parameter;
            this.maxLength = maxLength;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Set<String> STATEMENT_KEYS =
            Set.of("Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "Condition", "Sid");
    private static final Set<String> PRINCIPAL_KEYS = Set.of("RAM", "Service", "Federated");

    private StoredPolicyDocuments() {
    }

    /** Checks the document and returns RAM's re-serialised form of it. */
    static String normalise(String document, Kind kind) {
        if (document.length() > kind.maxLength) {
            throw RamError.badRequest("InvalidParameter." + kind.parameter + ".Length",
                    "The parameter \"" + kind.parameter + "\" is beyond the length limit " + kind.maxLength + ".");
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw malformed("the document is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed("the document must be a JSON object");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("Version") && !key.equals("Statement")) {
                throw malformed("unknown element \"" + key + "\"");
            }
        }
        JsonNode version = root.get("Version");
        if (version == null || !version.isTextual() || !version.asText().equals("1")) {
            throw malformed("\"Version\" must be \"1\"");
        }
        out.put("Version", "1");
        JsonNode statements = root.get("Statement");
        if (statements == null || !(statements.isArray() || statements.isObject()) || statements.isEmpty()) {
            throw malformed("\"Statement\" must be a non-empty list");
        }
        ArrayNode outStatements = out.putArray("Statement");
        for (JsonNode s : statements.isArray() ? statements : JsonNodeFactory.instance.arrayNode().add(statements)) {
            outStatements.add(statement(s, kind));
        }
        return write(sortKeys(out));
    }

    /** Parses a document the emulator stored earlier (already validated). */
    static JsonNode parse(String normalised) {
        try {
            return JSON.readTree(normalised);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy document is not JSON", e);
        }
    }

    /** Values of a string-or-list element, e.g. {@code Action}; empty when absent. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static ObjectNode statement(JsonNode s, Kind kind) {
        if (!s.isObject()) {
            throw malformed("each statement must be an object");
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!STATEMENT_KEYS.contains(key)) {
                throw malformed("unknown statement element \"" + key + "\"");
            }
        }
        ObjectNode out = ((ObjectNode) s).deepCopy();
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw malformed("\"Effect\" must be \"Allow\" or \"Deny\"");
        }
        requireStrings(s, "Action", "NotAction");
        if (kind == Kind.PERMISSION) {
            requireStrings(s, "Resource", "NotResource");
            if (s.has("Principal")) {
                throw malformed("a permission policy has no \"Principal\"");
            }
        } else {
            out.set("Principal", principal(s.get("Principal")));
        }
        if (s.has("Condition") && !s.get("Condition").isObject()) {
            throw malformed("\"Condition\" must be an object");
        }
        return out;
    }

    private static ObjectNode principal(JsonNode p) {
        if (p == null || !p.isObject() || p.isEmpty()) {
            throw malformed("a trust policy statement needs a \"Principal\" with RAM, Service or Federated");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PRINCIPAL_KEYS.contains(e.getKey())) {
                throw malformed("unknown principal type \"" + e.getKey() + "\"");
            }
            if (!isStringOrStringList(e.getValue()) || strings(e.getValue()).isEmpty()) {
                throw malformed("principal \"" + e.getKey() + "\" must be a string or a list of strings");
            }
            ArrayNode values = out.putArray(e.getKey());
            for (String v : strings(e.getValue())) {
                values.add(e.getKey().equals("RAM") && v.matches("\\d+") ? "acs:ram::" + v + ":root" : v);
            }
        }
        return out;
    }

    private static void requireStrings(JsonNode s, String name, String negated) {
        JsonNode value = s.has(name) ? s.get(name) : s.get(negated);
        if (value == null || !isStringOrStringList(value) || strings(value).isEmpty()) {
            throw malformed("each statement needs \"" + name + "\" as a string or a list of strings");
        }
    }

    private static boolean isStringOrStringList(JsonNode n) {
        if (n.isTextual()) {
            return true;
        }
        if (!n.isArray()) {
            return false;
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                sorted.set(name, sortKeys(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sortKeys(e)));
            return out;
        }
        return node;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RamError malformed(String why) {
        return RamError.badRequest("MalformedPolicyDocument", "The policy document is malformed: " + why + ".");
    }
}
