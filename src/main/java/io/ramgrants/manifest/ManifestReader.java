package io.ramgrants.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads multi-document YAML files, and directories of them (recursively, {@code *.yaml} and
 * {@code *.yml}), or standard input ({@code -}, e.g. {@code kustomize build | plan -f -}), into our
 * resources and Secrets. Anything it cannot read becomes a {@link ManifestProblem} naming file and
 * document, never an exception; every error of a document is reported, not only the first.
 * Documents of other API groups (a ConfigMap, a Deployment) are skipped with a note, or are
 * problems when {@code strict}.
 */
public final class ManifestReader {
    /** How {@code -f -} appears in messages. */
    public static final Path STDIN = Path.of("<stdin>");
    /** At most this many errors are reported for one document. */
    static final int MAX_ERRORS = 20;
    private static final String OUR_GROUP = "ramgrants.io/";

    private final ObjectMapper yaml = strictScalars(new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    private final boolean strict;
    private final Supplier<InputStream> stdin;

    public ManifestReader() {
        this(false, () -> System.in);
    }

    /**
     * @param strict documents of kinds we do not read are problems instead of skipped
     * @param stdin  what {@code -} reads
     */
    public ManifestReader(boolean strict, Supplier<InputStream> stdin) {
        this.strict = strict;
        this.stdin = stdin;
    }

    /**
     * The API server refuses a number or boolean where the CRD declares a string (an unquoted
     * account ID, {@code paused: true} as an annotation); Jackson would quietly convert it.
     */
    private static ObjectMapper strictScalars(ObjectMapper mapper) {
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    public ManifestSet read(List<Path> paths) {
        List<LoadedResource> resources = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        List<ManifestProblem> skipped = new ArrayList<>();
        for (Path path : paths) {
            if (path.toString().equals("-")) {
                readStream(resources, problems, skipped);
                continue;
            }
            for (Path file : filesOf(path, problems)) {
                readFile(file, resources, problems, skipped);
            }
        }
        return new ManifestSet(resources, problems, skipped);
    }

    private void readStream(List<LoadedResource> resources, List<ManifestProblem> problems,
            List<ManifestProblem> skipped) {
        byte[] content;
        try {
            content = stdin.get().readAllBytes();
        } catch (IOException e) {
            problems.add(new ManifestProblem(STDIN, 0, "cannot read: " + e.getClass().getSimpleName()));
            return;
        }
        readDocuments(STDIN, () -> yaml.readerFor(JsonNode.class).readValues(content), resources, problems, skipped);
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

    private void readFile(Path file, List<LoadedResource> resources, List<ManifestProblem> problems,
            List<ManifestProblem> skipped) {
        readDocuments(file, () -> yaml.readerFor(JsonNode.class).readValues(file.toFile()), resources, problems,
                skipped);
    }

    private interface Documents {
        MappingIterator<JsonNode> open() throws IOException;
    }

    private void readDocuments(Path file, Documents source, List<LoadedResource> resources,
            List<ManifestProblem> problems, List<ManifestProblem> skipped) {
        int document = 1;
        try (MappingIterator<JsonNode> documents = source.open()) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    readDocument(file, document, node, resources, problems, skipped);
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
            List<ManifestProblem> problems, List<ManifestProblem> skipped) {
        if (!node.isObject()) {
            problems.add(new ManifestProblem(file, document, "not a Kubernetes object (expected apiVersion, kind, metadata)"));
            return;
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        if ("v1".equals(apiVersion) && "List".equals(kind) && node.path("items").isArray()) {
            node.path("items").forEach(item -> readDocument(file, document, item, resources, problems, skipped));
            return;
        }
        Optional<Class<? extends HasMetadata>> type = ManifestKinds.typeOf(apiVersion, kind);
        if (type.isEmpty()) {
            if (!strict && !apiVersion.startsWith(OUR_GROUP) && !apiVersion.isEmpty() && !kind.isEmpty()) {
                skipped.add(new ManifestProblem(file, document, "skipped " + displayName(kind, node.path("metadata"))
                        + " (" + apiVersion + "): not a kind plan or apply reads"));
                return;
            }
            problems.add(new ManifestProblem(file, document, "unknown kind '" + kind + "' (apiVersion '" + apiVersion
                    + "')" + (ManifestKinds.kinds().contains(kind) ? "; did you mean apiVersion '"
                    + ManifestKinds.apiVersionOf(kind) + "'?" : DidYouMean.suggest(kind, ManifestKinds.kinds()))
                    + "; expected one of "
                    + ManifestKinds.known()));
            return;
        }
        String display = displayName(kind, node.path("metadata"));
        if (node.path("metadata").path("name").asText("").isBlank()) {
            problems.add(new ManifestProblem(file, document, display + ": metadata.name: is required"));
            return;
        }
        // Jackson stops at the first error: report it, drop the offending node from a copy, and read again,
        // so that every error of the document is listed at once.
        JsonNode remaining = node.deepCopy();
        List<String> errors = new ArrayList<>();
        while (true) {
            try {
                HasMetadata resource = yaml.treeToValue(remaining, type.get());
                if (errors.isEmpty()) {
                    resources.add(new LoadedResource(file, document, resource));
                }
                break;
            } catch (JsonProcessingException e) {
                boolean secret = type.get() == Secret.class;
                errors.add(describe(e, secret));
                if (secret || errors.size() >= MAX_ERRORS || !(e instanceof JsonMappingException m) || !remove(remaining, m)) {
                    break;
                }
            }
        }
        errors.forEach(error -> problems.add(new ManifestProblem(file, document, display + ": " + error)));
    }

    /** Removes the node the exception points at; false when there is nothing to remove (no progress). */
    private static boolean remove(JsonNode root, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException u) {
            path = new ArrayList<>(path);
            if (path.isEmpty() || !u.getPropertyName().equals(path.get(path.size() - 1).getFieldName())) {
                path.add(new JsonMappingException.Reference(null, u.getPropertyName()));
            }
        }
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (JsonMappingException.Reference ref : path.subList(0, path.size() - 1)) {
            parent = ref.getFieldName() != null ? parent.get(ref.getFieldName()) : parent.get(ref.getIndex());
            if (parent == null) {
                return false;
            }
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        if (last.getFieldName() != null && parent instanceof ObjectNode object) {
            return object.remove(last.getFieldName()) != null;
        }
        if (last.getFieldName() == null && parent instanceof ArrayNode array && last.getIndex() >= 0
                && last.getIndex() < array.size()) {
            array.remove(last.getIndex());
            return true;
        }
        return false;
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
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).toList();
            return where + "unknown field '" + u.getPropertyName() + "'"
                    + DidYouMean.suggest(u.getPropertyName(), known);
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            List<String> values = Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf).toList();
            return where + "'" + f.getValue() + "' is not one of " + values
                    + DidYouMean.suggest(String.valueOf(f.getValue()), values);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() == String.class) {
            return where + "must be a string, not a number or boolean (quote the value, as the CRD requires)";
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
