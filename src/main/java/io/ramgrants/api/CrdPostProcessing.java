package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the fabric8 CRD generator cannot be told, applied to its output as text (every other byte
 * stays as generated): the printer columns sorted priority 0 first, AGE last (the generator
 * sorts them by JSON path), and the kind's {@link JsonClassDescription} as the description of
 * {@code openAPIV3Schema} (the generator ignores class-level descriptions). Deterministic and
 * idempotent. {@code hack/update-crds.sh} runs {@link #main} over {@code crds/};
 * CrdsUpToDateTest checks the committed CRDs against generator output + this step.
 */
public final class CrdPostProcessing {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "  - additionalPrinterColumns:";
    private static final String SCHEMA = "      openAPIV3Schema:";
    private static final String SCHEMA_DESCRIPTION = "        description: ";
    private static final Pattern KIND = Pattern.compile("(?m)^    kind: \"([A-Za-z]+)\"$");
    private static final Pattern PRIORITY = Pattern.compile("^ {6}priority: (\\d+)$");

    private CrdPostProcessing() {}

    /** Rewrites every {@code *.ramgrants.io-v1.yml} in each directory given. */
    public static void main(String[] args) throws IOException {
        for (String dir : args) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ramgrants.io-v1.yml"))
                        .sorted().toList()) {
                    Files.writeString(file, process(Files.readString(file)));
                }
            }
        }
    }

    /** The generated CRD text with the columns reordered and the kind described. */
    public static String process(String crd) {
        return describeKind(reorderColumns(crd));
    }

    static String reorderColumns(String crd) {
        List<String> lines = new ArrayList<>(List.of(crd.split("\n", -1)));
        int start = lines.indexOf(COLUMNS);
        if (start < 0) {
            return crd;
        }
        List<List<String>> columns = new ArrayList<>();
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).startsWith("    - ") || lines.get(end).startsWith("      "))) {
            if (lines.get(end).startsWith("    - ")) {
                columns.add(new ArrayList<>());
            }
            columns.get(columns.size() - 1).add(lines.get(end));
            end++;
        }
        List<List<String>> sorted = columns.stream()
                .sorted(Comparator.comparing(CrdPostProcessing::isAge).thenComparing(CrdPostProcessing::priority))
                .toList();
        List<String> out = new ArrayList<>(lines.subList(0, start + 1));
        sorted.forEach(out::addAll);
        out.addAll(lines.subList(end, lines.size()));
        return String.join("\n", out);
    }

    static String describeKind(String crd) {
        Matcher kind = KIND.matcher(crd);
        if (!kind.find()) {
            return crd;
        }
        String description = description(kind.group(1));
        List<String> lines = new ArrayList<>(List.of(crd.split("\n", -1)));
        int schema = lines.indexOf(SCHEMA);
        if (schema < 0 || description == null) {
            return crd;
        }
        if (schema + 1 < lines.size() && lines.get(schema + 1).startsWith(SCHEMA_DESCRIPTION)) {
            lines.remove(schema + 1);
        }
        lines.add(schema + 1, SCHEMA_DESCRIPTION + quoted(description));
        return String.join("\n", lines);
    }

    private static boolean isAge(List<String> column) {
        return column.contains("      name: \"AGE\"");
    }

    private static int priority(List<String> column) {
        return column.stream().map(PRIORITY::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).findFirst().orElse(0);
    }

    /** The kind's class-level description, or null for a kind outside this package. */
    static String description(String kind) {
        try {
            JsonClassDescription annotation = Class.forName(CrdPostProcessing.class.getPackageName() + "." + kind)
                    .getAnnotation(JsonClassDescription.class);
            return annotation == null ? null : annotation.value();
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** A JSON string is a YAML double-quoted scalar. */
    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }
}
