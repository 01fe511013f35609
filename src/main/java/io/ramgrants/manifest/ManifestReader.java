package io.ramgrants.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads multi-document YAML files, and directories of them (recursively, {@code *.yaml} and
 * {@code *.yml}), into our resources and Secrets. Anything it cannot read becomes a
 * {@link ManifestProblem} naming file and document, never an exception.
 */
public final class ManifestReader {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ManifestSet read(List<Path> paths) {
        List<LoadedResource> resources = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : filesOf(path, problems)) {
                readFile(file, resources, problems);
            }
        }
        return new ManifestSet(resources, problems);
    }

    private static List<Path> filesOf(Path path, List<ManifestProblem> problems) {
        if (!Files.exists(path)) {
            problems.add(new ManifestProblem(path, 0, "no such file or directory"));
            return List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new ManifestProblem(path, 0, "cannot list directory: " + e.getMessage()));
            return List.of();
        }
    }

    private void readFile(Path file, List<LoadedResource> resources, List<ManifestProblem> problems) {
        int document = 1;
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    readDocument(file, document, node, resources, problems);
                }
                document++;
            }
        } catch (JsonProcessingException e) {
            problems.add(new ManifestProblem(file, document, "not valid YAML: " + firstLine(e.getOriginalMessage())
                    + at(e)));
        } catch (IOException | RuntimeException e) {
            problems.add(new ManifestProblem(file, 0, "cannot read: " + e.getClass().getSimpleName()));
        }
    }

    private void readDocument(Path file, int document, JsonNode node, List<LoadedResource> resources,
            List<ManifestProblem> problems) {
        if (!node.isObject()) {
            problems.add(new ManifestProblem(file, document, "not a Kubernetes object (expected apiVersion, kind, metadata)"));
            return;
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        if ("v1".equals(apiVersion) && "List".equals(kind) && node.path("items").isArray()) {
            node.path("items").forEach(item -> readDocument(file, document, item, resources, problems));
            return;
        }
        Optional<Class<? extends HasMetadata>> type = ManifestKinds.typeOf(apiVersion, kind);
        if (type.isEmpty()) {
            problems.add(new ManifestProblem(file, document, "unknown kind '" + kind + "' (apiVersion '" + apiVersion
                    + "'); expected one of " + ManifestKinds.known()));
            return;
        }
        String display = displayName(kind, node.path("metadata"));
        if (node.path("metadata").path("name").asText("").isBlank()) {
            problems.add(new ManifestProblem(file, document, display + ": metadata.name: is required"));
            return;
        }
        try {
            resources.add(new LoadedResource(file, document, yaml.treeToValue(node, type.get())));
        } catch (JsonProcessingException e) {
            problems.add(new ManifestProblem(file, document, display + ": " + describe(e, type.get() == Secret.class)));
        }
    }

    /** {@code Kind namespace/name} as far as the document says; the namespace is not defaulted here. */
    private static String displayName(String kind, JsonNode metadata) {
        String namespace = metadata.path("namespace").asText("");
        String name = metadata.path("name").asText("");
        return kind + (name.isEmpty() ? "" : " " + (namespace.isEmpty() ? "" : namespace + "/") + name);
    }

    /** Field path and reason; for Secrets the path only, since Jackson quotes the offending value. */
    private static String describe(JsonProcessingException e, boolean secret) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        String where = path.isEmpty() ? "" : path + ": ";
        if (secret) {
            return where + "cannot be read as a Secret";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return where + "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return where + "'" + f.getValue() + "' is not one of "
                    + Arrays.toString(f.getTargetType().getEnumConstants());
        }
        return where + firstLine(e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    /** Parser messages can quote the offending line after the first; that line may hold a secret. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
