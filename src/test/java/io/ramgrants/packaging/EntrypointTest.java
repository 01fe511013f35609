package io.ramgrants.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ramgrants.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint script, run here with sh and this JVM: the chart's JAVA_TOOL_OPTIONS reach
 * the JVM, and under {@code --log-format=json} every line the process writes is JSON (the JVM's own
 * "Picked up JAVA_TOOL_OPTIONS" line included, which is why the script exists).
 */
class EntrypointTest {
    static final String SCRIPT = "src/main/docker/entrypoint.sh";

    @TempDir
    Path dir;

    @Test
    void everyStderrLineIsJsonUnderLogFormatJsonWithTheChartsJavaToolOptions() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        // A context without a namespace, no POD_NAMESPACE: the operator refuses to start (no Lease namespace)
        // before it contacts the API server, with one log line.
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                users: [{name: u, user: {token: t}}]
                """);
        Result result = entrypoint("-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dramgrants.probe=set",
                "run", "--log-format=json", "--kubeconfig=" + kubeconfig);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines).hasSize(1);
        var json = new ObjectMapper().readTree(lines.get(0));
        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(json.path("message").asText()).contains("Lease namespace").doesNotContain("\tat ");
    }

    @Test
    void theFlagsOfJavaToolOptionsReachTheJvmSilentlyAndWinOverTheDefaults() throws Exception {
        Result result = entrypoint("-XX:MaxRAMPercentage=50 -XX:+PrintCommandLineFlags", "--version");
        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEmpty();
        // PrintCommandLineFlags: the JVM's effective command-line flags, on stdout before main runs.
        assertThat(result.stdout()).contains("-XX:MaxRAMPercentage=50.0").contains("-XX:+ExitOnOutOfMemoryError")
                .contains("ram-grant-operator 0.1.0");
    }

    record Result(Integer exit, String stdout, String stderr) {
    }

    /** Runs the script with a jar whose manifest puts this test's classpath behind {@link Main}. */
    private Result entrypoint(String javaToolOptions, String... args) throws Exception {
        Path jar = dir.resolve("operator.jar");
        if (!Files.exists(jar)) {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
            List<String> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toString());
            }
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // manifest only
            }
        }
        List<String> command = new ArrayList<>(List.of("sh", Tools.repoRoot().resolve(SCRIPT).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("RAMGRANTS_") || k.equals("POD_NAMESPACE") || k.equals("KUBECONFIG"));
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.get("PATH"));
        env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        env.put("RAMGRANTS_JAR", jar.toString());
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("entrypoint finished").isTrue();
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
