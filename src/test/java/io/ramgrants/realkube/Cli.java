package io.ramgrants.realkube;

import static org.junit.jupiter.api.Assertions.fail;

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

/** kubectl (the one built with the API server) and helm (tools/bin), run against the shared real server. */
public final class Cli {
    private Cli() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    /** {@code kubectl args...}; fails the test on a non-zero exit. */
    public static String kubectl(String... args) {
        return ok(exec(command(RealApiServer.get().kubectl(), args)));
    }

    public static Result kubectlResult(String... args) {
        return exec(command(RealApiServer.get().kubectl(), args));
    }

    /** {@code helm args...}; helm from env HELM or tools/bin/helm (hack/install-helm.sh). */
    public static String helm(String... args) {
        String fromEnv = System.getenv("HELM");
        Path helm = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("tools/bin/helm").toAbsolutePath();
        if (!Files.isExecutable(helm)) {
            String message = "helm not found at " + helm + " (run hack/install-helm.sh)";
            if (RealApiServer.required()) {
                fail(message + "; this run requires the real-server tier");
            }
            Assumptions.abort(message);
        }
        return ok(exec(command(helm, args)));
    }

    private static String ok(Result result) {
        if (result.exitCode() != 0) {
            fail("exit " + result.exitCode() + ":\n" + result.output());
        }
        return result.stdout();
    }

    private static List<String> command(Path binary, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return command;
    }

    static Result exec(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("KUBECONFIG", RealApiServer.get().kubeconfig().toString());
            builder.environment().put("HELM_CACHE_HOME", Path.of("target/realkube/helm/cache").toAbsolutePath().toString());
            builder.environment().put("HELM_CONFIG_HOME", Path.of("target/realkube/helm/config").toAbsolutePath().toString());
            builder.environment().put("HELM_DATA_HOME", Path.of("target/realkube/helm/data").toAbsolutePath().toString());
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish in 120 s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
