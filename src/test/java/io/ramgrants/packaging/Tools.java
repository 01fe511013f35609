package io.ramgrants.packaging;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Locates the packaging tools (helm, kubectl) and runs them; parses multi-document YAML. */
final class Tools {
    static final YAMLMapper YAML = new YAMLMapper();

    private Tools() {
    }

    /** The repository root: Maven runs tests with the project directory as working directory. */
    static Path repoRoot() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * The binary named by {@code envVar} or, failing that, {@code tools/bin/<name>} (installed by
     * {@code hack/install-helm.sh}). Missing: the test fails under CI (env {@code CI} set) and is
     * skipped elsewhere, so a developer without the tool still gets a green build.
     */
    static Path binary(String name, String envVar) {
        String fromEnv = System.getenv(envVar);
        Path candidate = fromEnv != null && !fromEnv.isBlank()
                ? Path.of(fromEnv)
                : repoRoot().resolve("tools/bin").resolve(name);
        if (Files.isExecutable(candidate)) {
            return candidate;
        }
        String message = name + " not found at " + candidate + " (set " + envVar
                + " or run hack/install-helm.sh)";
        if (isCi()) {
            fail(message + "; CI must run these checks");
        }
        Assumptions.assumeTrue(false, message + "; skipping");
        throw new AssertionError("unreachable");
    }

    static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci);
    }

    /** Exit code and output of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command in the repository root; returns stdout, fails the test on a non-zero exit. */
    static String run(List<String> command) {
        Result result = exec(command);
        if (result.exitCode() != 0) {
            fail(command + " exited " + result.exitCode() + ":\n" + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    /** Runs a command in the repository root (no stdin, 60 s at most). */
    static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(repoRoot().toFile()).start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("timed out: " + command);
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String drain(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All non-empty documents of a YAML stream, in order. */
    static List<JsonNode> parseAll(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static String toYaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
