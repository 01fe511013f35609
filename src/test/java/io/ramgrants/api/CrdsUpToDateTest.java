package io.ramgrants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs committed under crds/ are exactly what the generator makes of the api/ classes. */
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
                    .isEqualTo(Files.readString(GENERATED.resolve(file)));
        }
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
