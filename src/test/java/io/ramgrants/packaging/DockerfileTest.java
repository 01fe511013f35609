package io.ramgrants.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ramgrants.observability.ObservabilityServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the Dockerfile (no container engine here, and hadolint is in neither Debian
 * nor npm): a multi-stage build, a JRE runtime as a numeric non-root user, the jar run with
 * {@code run}, nothing fetched from URLs, no secrets baked in.
 */
class DockerfileTest {
    record Instruction(String keyword, String args) {
    }

    private static List<Instruction> all;
    private static List<Instruction> runtime;
    private static List<Instruction> build;

    @BeforeAll
    static void parse() throws IOException {
        all = instructions(Files.readString(Tools.repoRoot().resolve("Dockerfile")));
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        build = all.subList(0, lastFrom);
        runtime = all.subList(lastFrom, all.size());
    }

    @Test
    void buildsWithMavenInASeparateStage() {
        assertThat(all.stream().filter(i -> i.keyword().equals("FROM")).count()).isGreaterThanOrEqualTo(2);
        assertThat(build.get(0).args()).isEqualTo("maven:3.9-eclipse-temurin-21 AS build");
        assertThat(args(build, "RUN")).contains("mvn -B -q -DskipTests package");
    }

    @Test
    void dependenciesAreResolvedInTheirOwnLayerBeforeTheSourcesArrive() {
        List<String> steps = build.stream().map(i -> i.keyword() + " " + i.args()).toList();
        int pom = indexOf(steps, "COPY pom.xml");
        int deps = indexOf(steps, "RUN mvn -B -q dependency:go-offline");
        int sources = indexOf(steps, "COPY src");
        assertThat(pom).isNotNegative().isLessThan(deps);
        assertThat(deps).isLessThan(sources);
    }

    @Test
    void runtimeIsAJreRunningAsANumericNonRootUser() {
        assertThat(runtime.get(0).args()).startsWith("eclipse-temurin:21-jre");
        List<String> users = args(runtime, "USER");
        assertThat(users).as("USER in the runtime stage").isNotEmpty();
        String user = users.get(users.size() - 1);
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(user.split(":")).allSatisfy(id -> assertThat(Integer.parseInt(id)).isEqualTo(65532));
    }

    @Test
    void theChartRunsAsTheImagesUser() throws IOException {
        JsonNode values = Tools.YAML.readTree(Tools.repoRoot().resolve("helm/ram-grant-operator/values.yaml").toFile());
        String user = args(runtime, "USER").get(0).split(":")[0];
        assertThat(values.path("podSecurityContext").path("runAsUser").asText()).isEqualTo(user);
        assertThat(values.path("securityContext").path("runAsUser").asText()).isEqualTo(user);
    }

    @Test
    void runsTheShadedJarWithTheRunCommand() throws IOException {
        assertThat(args(runtime, "COPY"))
                .contains("--from=build /src/target/ram-grant-operator-image.jar /app/ram-grant-operator.jar");
        assertThat(Files.readString(Tools.repoRoot().resolve("pom.xml")))
                .as("the jar name the Dockerfile copies").contains("<finalName>ram-grant-operator</finalName>");
        assertThat(execForm("ENTRYPOINT")).containsExactly("/app/entrypoint.sh");
        assertThat(args(runtime, "COPY")).contains("--chmod=0555 " + EntrypointTest.SCRIPT + " /app/entrypoint.sh");
        String script = Files.readString(Tools.repoRoot().resolve(EntrypointTest.SCRIPT));
        assertThat(script).contains("exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError")
                .contains("-jar \"${RAMGRANTS_JAR:-/app/ram-grant-operator.jar}\" \"$@\"");
        assertThat(execForm("CMD")).containsExactly("run");
    }

    /** The image runs the jar without test servers; demo's jar keeps them (README's command). */
    @Test
    void theImageJarLeavesOutTheMockApiServer() throws IOException {
        String pom = Files.readString(Tools.repoRoot().resolve("pom.xml"));
        String image = pom.substring(pom.indexOf("<id>image-jar</id>"));
        image = image.substring(0, image.indexOf("</execution>"));
        assertThat(image).contains("<outputFile>${project.build.directory}/ram-grant-operator-image.jar</outputFile>")
                .contains("<exclude>io.fabric8:kubernetes-server-mock</exclude>")
                .contains("<exclude>io.fabric8:mockwebserver</exclude>")
                .contains("<exclude>io.vertx:*</exclude>").contains("<exclude>io.netty:*</exclude>");
    }

    @Test
    void exposesTheObservabilityPort() {
        assertThat(args(runtime, "EXPOSE")).containsExactly(String.valueOf(ObservabilityServer.DEFAULT_PORT));
    }

    @Test
    void fetchesNothingFromUrlsAndBakesInNoSecrets() {
        Pattern secretish = Pattern.compile("(?i)(secret|password|passwd|token|access_?key|credential)");
        for (Instruction i : all) {
            assertThat(i.keyword()).as("ADD fetches and unpacks implicitly; use COPY").isNotEqualTo("ADD");
            if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
                assertThat(secretish.matcher(i.args()).find()).as(i.toString()).isFalse();
            }
            if (i.keyword().equals("RUN")) {
                assertThat(i.args()).as(i.toString()).doesNotContainPattern("(?i)(curl|wget)\\s");
            }
        }
    }

    @Test
    void buildContextIsAnAllowList() throws IOException {
        List<String> lines = Files.readAllLines(Tools.repoRoot().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines.get(0)).isEqualTo("*");
        assertThat(lines).contains("!pom.xml", "!src/")
                .noneMatch(l -> l.startsWith("!tools") || l.startsWith("!target") || l.startsWith("!.git"));
    }

    private static List<String> execForm(String keyword) {
        List<String> values = args(runtime, keyword);
        assertThat(values).as(keyword).hasSize(1);
        try {
            List<String> out = new ArrayList<>();
            new ObjectMapper().readTree(values.get(0)).forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new AssertionError(keyword + " must use the JSON exec form: " + values.get(0), e);
        }
    }

    private static int indexOf(List<String> steps, String prefix) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> args(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    /** Instructions with line continuations joined; comments and parser directives dropped. */
    static List<Instruction> instructions(String dockerfile) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            out.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : ""));
        }
        return out;
    }
}
