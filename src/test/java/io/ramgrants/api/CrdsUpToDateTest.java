package io.ramgrants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs committed under crds/ are exactly what the generator makes of the api/ classes, after
 * {@link CrdPostProcessing} (AGE last, kind-level descriptions).
 */
class CrdsUpToDateTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "."));
    private static final Path GENERATED = PROJECT.resolve("target/classes/META-INF/fabric8");
    private static final Path COMMITTED = PROJECT.resolve("crds");
    private static final String FIX = " — run hack/update-crds.sh and commit crds/";

    @Test
    void committedCrdsMatchTheGeneratedOnes() throws IOException {
        List<String> generated = crdFiles(GENERATED);
        assertThat(generated).as("CRDs generated in " + GENERATED).hasSize(4);
        assertThat(crdFiles(COMMITTED)).as("files in crds/" + FIX).isEqualTo(generated);
        for (String file : generated) {
            assertThat(Files.readString(COMMITTED.resolve(file)))
                    .as("crds/" + file + FIX)
                    .isEqualTo(CrdPostProcessing.process(Files.readString(GENERATED.resolve(file))));
        }
    }

    @Test
    void ageIsTheLastColumnAndEveryKindIsDescribed() throws IOException {
        for (String file : crdFiles(COMMITTED)) {
            com.fasterxml.jackson.databind.JsonNode version = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(COMMITTED.resolve(file).toFile())
                    .path("spec").path("versions").get(0);
            com.fasterxml.jackson.databind.JsonNode columns = version.path("additionalPrinterColumns");
            assertThat(columns.get(columns.size() - 1).path("name").asText()).as(file).isEqualTo("AGE");
            List<Integer> priorities = new java.util.ArrayList<>();
            columns.forEach(c -> priorities.add(c.path("priority").asInt()));
            assertThat(priorities.subList(0, priorities.size() - 1)).as(file + ": priority 0 columns first").isSorted();
            assertThat(version.path("schema").path("openAPIV3Schema").path("description").asText()).as(file)
                    .isNotBlank();
        }
    }

    @Test
    void postProcessingIsIdempotentAndChangesNothingElse() throws IOException {
        for (String file : crdFiles(GENERATED)) {
            String generated = Files.readString(GENERATED.resolve(file));
            String once = CrdPostProcessing.process(generated);
            assertThat(CrdPostProcessing.process(once)).as(file).isEqualTo(once);
            assertThat(sortedLines(once)).as(file + ": only a description line is added")
                    .containsAll(sortedLines(generated)).hasSize(sortedLines(generated).size() + 1);
        }
    }

    private static List<String> sortedLines(String text) {
        return text.lines().sorted().toList();
    }

    private static List<String> crdFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".ramgrants.io-v1.yml"))
                    .sorted()
                    .toList();
        }
    }
}
