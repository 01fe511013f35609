package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import dev.cel.common.CelValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an API server does to a custom resource of one kind before it stores it, as far as the
 * CRD says: fill in schema defaults, refuse unknown fields (kubectl's default strict field
 * validation), check type, required, enum, pattern (RE2, like Go), maxLength (in code points,
 * like Go), minItems and maxItems, and run every CEL rule on the nodes present. Errors are
 * reported with the field path Kubernetes uses ({@code spec.source.engine}, {@code spec.x[0]}).
 */
final class ApiServerValidation {
    static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    /** Fields every object has, validated by the API server itself and not by the CRD's schema. */
    private static final Set<String> OBJECT_META = Set.of("apiVersion", "kind", "metadata");
    private static final Map<String, ApiServerValidation> BY_KIND = new ConcurrentHashMap<>();

    record FieldError(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private final JsonNode schema;
    private final Map<String, List<CelRuleCompiler.CompiledRule>> rulesBySchemaPath = new LinkedHashMap<>();

    private ApiServerValidation(String kind) {
        this.schema = CrdSchemas.schema(kind);
        for (CrdSchemas.Rule rule : CrdSchemas.rules()) {
            if (rule.kind().equals(kind)) {
                try {
                    rulesBySchemaPath.computeIfAbsent(rule.schemaPath(), p -> new ArrayList<>())
                            .add(CelRuleCompiler.compile(rule));
                } catch (CelValidationException e) {
                    throw new IllegalStateException("rule does not compile: " + rule + "\n" + e.getMessage(), e);
                }
            }
        }
    }

    static ApiServerValidation of(String kind) {
        return BY_KIND.computeIfAbsent(kind, ApiServerValidation::new);
    }

    /** A Java object (a resource, or a spec) as the JSON an API server receives: no nulls. */
    static Map<String, Object> json(Object value) {
        return JSON.convertValue(value, new TypeReference<>() {});
    }

    /** Validates a whole resource (apiVersion, kind, metadata, spec). */
    List<FieldError> validate(Map<String, Object> resource) {
        Object defaulted = withDefaults(schema, deepCopy(resource));
        List<FieldError> errors = new ArrayList<>();
        check(schema, defaulted, "", "", errors);
        return errors;
    }

    /** Validates a resource holding only this spec. */
    List<FieldError> validateSpec(Map<String, Object> spec) {
        return validate(Map.of("spec", spec));
    }

    private void check(JsonNode node, Object value, String path, String schemaPath, List<FieldError> errors) {
        if (!hasType(node, value)) {
            errors.add(new FieldError(path, "Invalid value: must be of type " + node.path("type").asText()));
            return;
        }
        if (value instanceof String s) {
            checkString(node, s, path, errors);
        } else if (value instanceof List<?> list) {
            checkSize(node, list.size(), path, errors);
            for (int i = 0; i < list.size(); i++) {
                check(node.path("items"), list.get(i), path + "[" + i + "]", schemaPath + "[]", errors);
            }
        } else if (value instanceof Map<?, ?> map) {
            checkObject(node, map, path, schemaPath, errors);
        }
        for (CelRuleCompiler.CompiledRule rule : rulesBySchemaPath.getOrDefault(schemaPath, List.of())) {
            if (!rule.accepts(value)) {
                errors.add(new FieldError(rule.rule().errorPath(path), "Invalid value: " + rule.rule().message()));
            }
        }
    }

    private void checkObject(JsonNode node, Map<?, ?> map, String path, String schemaPath, List<FieldError> errors) {
        for (JsonNode required : node.path("required")) {
            if (!map.containsKey(required.asText())) {
                errors.add(new FieldError(CrdSchemas.join(path, required.asText()), "Required value"));
            }
        }
        JsonNode properties = node.path("properties");
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = (String) entry.getKey();
            if (path.isEmpty() && OBJECT_META.contains(name)) {
                continue;
            }
            if (properties.has(name)) {
                check(properties.get(name), entry.getValue(), CrdSchemas.join(path, name),
                        CrdSchemas.join(schemaPath, name), errors);
            } else if (node.path("additionalProperties").isObject()) {
                check(node.get("additionalProperties"), entry.getValue(), path + "[" + name + "]", schemaPath + "[*]",
                        errors);
            } else if (!node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                errors.add(new FieldError(CrdSchemas.join(path, name), "field not declared in schema"));
            }
        }
    }

    private static void checkString(JsonNode node, String value, String path, List<FieldError> errors) {
        if (node.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : node.get("enum")) {
                listed |= allowed.asText().equals(value);
            }
            if (!listed) {
                errors.add(new FieldError(path, "Unsupported value: \"" + value + "\""));
            }
        }
        if (node.has("pattern") && !matchesLikeGo(node.get("pattern").asText(), value)) {
            errors.add(new FieldError(path, "Invalid value: should match '" + node.get("pattern").asText() + "'"));
        }
        int length = value.codePointCount(0, value.length());
        if (node.has("maxLength") && length > node.get("maxLength").asInt()) {
            errors.add(new FieldError(path, "Too long: may not be more than " + node.get("maxLength").asInt()));
        }
        if (node.has("minLength") && length < node.get("minLength").asInt()) {
            errors.add(new FieldError(path, "Too short: may not be less than " + node.get("minLength").asInt()));
        }
    }

    private static void checkSize(JsonNode node, int size, String path, List<FieldError> errors) {
        if (node.has("minItems") && size < node.get("minItems").asInt()) {
            errors.add(new FieldError(path, "Required value: at least " + node.get("minItems").asInt() + " items"));
        }
        if (node.has("maxItems") && size > node.get("maxItems").asInt()) {
            errors.add(new FieldError(path, "Too many: must have at most " + node.get("maxItems").asInt() + " items"));
        }
    }

    /** OpenAPI {@code pattern} as kube-openapi checks it: Go's regexp (RE2), unanchored MatchString. */
    static boolean matchesLikeGo(String pattern, String value) {
        return Pattern.compile(pattern).matcher(value).find();
    }

    private static boolean hasType(JsonNode node, Object value) {
        return switch (node.path("type").asText()) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> true;
        };
    }

    /** Structural-schema defaulting: a missing property with a {@code default} gets it; nulls are dropped. */
    static Object withDefaults(JsonNode node, Object value) {
        if (value instanceof Map<?, ?> raw) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) raw;
            map.values().removeIf(v -> v == null);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                if (!map.containsKey(property.getKey()) && property.getValue().has("default")) {
                    map.put(property.getKey(), JSON.convertValue(property.getValue().get("default"), Object.class));
                }
                if (map.containsKey(property.getKey())) {
                    map.put(property.getKey(), withDefaults(property.getValue(), map.get(property.getKey())));
                }
            }
        } else if (value instanceof List<?> list) {
            return list.stream().map(item -> withDefaults(node.path("items"), item)).toList();
        }
        return value;
    }

    private static Object deepCopy(Object value) {
        return JSON.convertValue(value, Object.class);
    }
}
