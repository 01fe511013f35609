package io.ramgrants.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramgrants.observability.KubernetesApiAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRDs generated into the top-level {@code crds/} must be copied, byte for byte, into the
 * Helm chart ({@code helm/ram-grant-operator/crds/}) and the kustomize base
 * ({@code operator/crds/}, listed by its kustomization.yaml): {@code hack/sync-crds.sh} does it.
 */
class ChartCrdsMatchGeneratedTest {
    static final String KUSTOMIZATION = "kustomization.yaml";

    @Test
    void packagedCrdsAreByteIdenticalToTheGeneratedOnes() {
        Path root = Tools.repoRoot();
        assertThat(differences(root.resolve("crds"), root.resolve("helm/ram-grant-operator/crds"),
                root.resolve("operator/crds")))
                .as("packaged CRDs differ from crds/: run hack/sync-crds.sh")
                .isEmpty();
    }

    @Test
    void rbacNamesExactlyTheGeneratedCrds() throws IOException {
        List<String> plurals = new ArrayList<>();
        for (String name : files(Tools.repoRoot().resolve("crds"))) {
            JsonNode spec = Tools.YAML.readTree(Tools.repoRoot().resolve("crds").resolve(name).toFile()).path("spec");
            assertThat(spec.path("group").asText()).as(name).isEqualTo(KubernetesApiAccess.GROUP);
            plurals.add(spec.path("names").path("plural").asText());
        }
        if (!plurals.isEmpty()) {
            assertThat(KubernetesApiAccess.CUSTOM_RESOURCES).containsExactlyInAnyOrderElementsOf(plurals);
        }
    }

    @Test
    void detectsAMissingFileAChangedFileAndAnExtraFile(@TempDir Path dir) throws IOException {
        Path generated = write(dir.resolve("crds"), "a.ramgrants.io-v1.yml", "a: 1\n");
        write(generated, "b.ramgrants.io-v1.yml", "b: 1\n");
        Path chart = write(dir.resolve("chart"), "a.ramgrants.io-v1.yml", "a: 2\n");
        write(chart, "stale.ramgrants.io-v1.yml", "old\n");
        Path kustomize = write(dir.resolve("kustomize"), "a.ramgrants.io-v1.yml", "a: 1\n");
        write(kustomize, "b.ramgrants.io-v1.yml", "b: 1\n");
        write(kustomize, KUSTOMIZATION, "resources:\n  - a.ramgrants.io-v1.yml\n");

        assertThat(differences(generated, chart, kustomize)).containsExactlyInAnyOrder(
                chart + ": missing b.ramgrants.io-v1.yml",
                chart + ": a.ramgrants.io-v1.yml differs from crds/",
                chart + ": extra stale.ramgrants.io-v1.yml",
                kustomize + "/" + KUSTOMIZATION + " lists [a.ramgrants.io-v1.yml], expected "
                        + "[a.ramgrants.io-v1.yml, b.ramgrants.io-v1.yml]");
    }

    @Test
    void generatedCrdsButNoPackagedCopiesFail(@TempDir Path dir) throws IOException {
        Path generated = write(dir.resolve("crds"), "a.ramgrants.io-v1.yml", "a: 1\n");

        assertThat(differences(generated, dir.resolve("chart"), dir.resolve("kustomize")))
                .contains(dir.resolve("chart") + ": missing a.ramgrants.io-v1.yml",
                        dir.resolve("kustomize") + ": missing a.ramgrants.io-v1.yml");
    }

    @Test
    void packagedCopiesWithoutGeneratedCrdsFail(@TempDir Path dir) throws IOException {
        Path chart = write(dir.resolve("chart"), "a.ramgrants.io-v1.yml", "a: 1\n");

        assertThat(differences(dir.resolve("crds"), chart, dir.resolve("kustomize")))
                .containsExactly(chart + ": extra a.ramgrants.io-v1.yml");
    }

    @Test
    void nothingGeneratedAndNothingPackagedIsFine(@TempDir Path dir) {
        assertThat(differences(dir.resolve("crds"), dir.resolve("chart"), dir.resolve("kustomize"))).isEmpty();
    }

    @Test
    void syncScriptCopiesEveryCrdAndListsItForKustomize(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("hack"));
        Files.copy(Tools.repoRoot().resolve("hack/sync-crds.sh"), repo.resolve("hack/sync-crds.sh"));
        write(repo.resolve("crds"), "b.ramgrants.io-v1.yml", "kind: CustomResourceDefinition\n");
        write(repo.resolve("crds"), "a.ramgrants.io-v1.yml", "kind: CustomResourceDefinition\n# a\n");
        write(repo.resolve("helm/ram-grant-operator/crds"), "gone.ramgrants.io-v1.yml", "old\n");

        Process p = new ProcessBuilder("bash", repo.resolve("hack/sync-crds.sh").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        assertThat(differences(repo.resolve("crds"), repo.resolve("helm/ram-grant-operator/crds"),
                repo.resolve("operator/crds"))).isEmpty();
        assertThat(Files.readString(repo.resolve("operator/crds").resolve(KUSTOMIZATION)))
                .contains("  - a.ramgrants.io-v1.yml\n  - b.ramgrants.io-v1.yml\n");
    }

    /** Human-readable differences between the generated CRDs and the two packaged copies. */
    static List<String> differences(Path generated, Path chartCrds, Path kustomizeCrds) {
        TreeSet<String> expected = files(generated);
        List<String> out = new ArrayList<>();
        compare(generated, expected, chartCrds, files(chartCrds), out);
        TreeSet<String> kustomizeFiles = files(kustomizeCrds);
        boolean hasKustomization = kustomizeFiles.remove(KUSTOMIZATION);
        compare(generated, expected, kustomizeCrds, kustomizeFiles, out);
        if (hasKustomization || !expected.isEmpty()) {
            List<String> listed = hasKustomization ? listedResources(kustomizeCrds.resolve(KUSTOMIZATION)) : List.of();
            if (!new ArrayList<>(expected).equals(listed)) {
                out.add(kustomizeCrds.resolve(KUSTOMIZATION) + " lists " + listed + ", expected " + expected);
            }
        }
        return out;
    }

    private static void compare(Path generated, TreeSet<String> expected, Path copyDir, TreeSet<String> copies,
            List<String> out) {
        for (String name : expected) {
            if (!copies.contains(name)) {
                out.add(copyDir + ": missing " + name);
            } else if (!Arrays.equals(bytes(generated.resolve(name)), bytes(copyDir.resolve(name)))) {
                out.add(copyDir + ": " + name + " differs from crds/");
            }
        }
        for (String name : copies) {
            if (!expected.contains(name)) {
                out.add(copyDir + ": extra " + name);
            }
        }
    }

    private static List<String> listedResources(Path kustomization) {
        try {
            List<String> listed = new ArrayList<>();
            Tools.YAML.readTree(kustomization.toFile()).path("resources").forEach(r -> listed.add(r.asText()));
            return listed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TreeSet<String> files(Path dir) {
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), content);
        return dir;
    }
}
