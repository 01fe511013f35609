package io.ramgrants.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed CRDs under {@code crds/}, as an API server would load them: one
 * {@code openAPIV3Schema} per kind, and every {@code x-kubernetes-validations} rule with the
 * schema node it sits on. Nothing here is hand-copied from the api/ classes.
 */
final class CrdSchemas {
    static final Path DIR = Path.of(System.getProperty("basedir", ".")).resolve("crds");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One CEL rule.
     *
     * @param kind       the CRD's kind
     * @param schemaPath where its schema node sits, e.g. {@code spec.credentials}; {@code []} stands for array items
     * @param node       that schema node: {@code self} has its type
     * @param fieldPath  the optional {@code fieldPath}, relative to the node (e.g. {@code .twoWay})
     */
    record Rule(String kind, String schemaPath, JsonNode node, String rule, String message, String fieldPath) {
        /** Where an API server reports a failure of the rule on a node at {@code valuePath}. */
        String errorPath(String valuePath) {
            return fieldPath == null ? valuePath : valuePath + fieldPath;
        }

        @Override
        public String toString() {
            return kind + " " + schemaPath + (fieldPath == null ? "" : " (" + fieldPath + ")") + ": " + rule;
        }
    }

    private CrdSchemas() {}

    /** Kind → the {@code openAPIV3Schema} of its (single) version. */
    static Map<String, JsonNode> byKind() {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        for (JsonNode crd : crds()) {
            JsonNode versions = crd.path("spec").path("versions");
            if (versions.size() != 1) {
                throw new IllegalStateException("expected one version in " + crd.path("metadata").path("name"));
            }
            schemas.put(crd.path("spec").path("names").path("kind").asText(),
                    versions.get(0).path("schema").path("openAPIV3Schema"));
        }
        return schemas;
    }

    static JsonNode schema(String kind) {
        JsonNode schema = byKind().get(kind);
        if (schema == null) {
            throw new IllegalArgumentException("no CRD for kind " + kind);
        }
        return schema;
    }

    /** Every rule of every CRD, in schema order. */
    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        byKind().forEach((kind, schema) -> collect(kind, "", schema, rules));
        return rules;
    }

    private static void collect(String kind, String path, JsonNode node, List<Rule> rules) {
        for (JsonNode validation : node.path("x-kubernetes-validations")) {
            rules.add(new Rule(kind, path, node, validation.path("rule").asText(), validation.path("message").asText(),
                    validation.hasNonNull("fieldPath") ? validation.get("fieldPath").asText() : null));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            collect(kind, join(path, property.getKey()), property.getValue(), rules);
        }
        if (node.has("items")) {
            collect(kind, path + "[]", node.get("items"), rules);
        }
        if (node.path("additionalProperties").isObject()) {
            collect(kind, path + "[*]", node.get("additionalProperties"), rules);
        }
    }

    static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static List<JsonNode> crds() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<JsonNode> crds = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                crds.add(YAML.readTree(file.toFile()));
            }
            return crds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
