package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ramgrants.realkube.RealApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code hack/health} (built by {@code hack/control-plane/build.sh}): kstatus, the library behind
 * Flux's health checks, and the Argo CD Lua health checks we ship ({@code docs/argocd/values-health.yaml},
 * run by gopher-lua as Argo CD runs them), computed on an object as the API server returned it.
 */
final class HackHealth {
    private static final Path BINARY = Path.of(System.getProperty("user.home"), ".kubeapitest", "ramgrants", "health");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HackHealth() {
    }

    /** The real-server tier's API server, and hack/health built: else the class is skipped, or fails where the tier is required. */
    static void requireRealServerAndHealth() {
        RealApiServer.get();
        if (!Files.isExecutable(BINARY)) {
            String message = "real-server tier: " + BINARY + " missing (hack/control-plane/build.sh builds it)";
            if (RealApiServer.required()) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** hack/health on the object exactly as the API server returned it: {@code {"kstatus": ..., "argocd": ...}}. */
    static JsonNode verdict(Object object) {
        try {
            Process process = new ProcessBuilder(BINARY.toString(), "-argocd-values", "docs/argocd/values-health.yaml")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var in = process.getOutputStream()) {
                in.write(Serialization.asJson(object).getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
