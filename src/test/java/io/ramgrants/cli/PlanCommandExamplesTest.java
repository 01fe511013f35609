package io.ramgrants.cli;

import static io.ramgrants.cli.PlanCommandTest.EXAMPLES;
import static io.ramgrants.cli.PlanCommandTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramgrants.cli.PlanCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample in examples/ plans cleanly and wants exactly the roles its comments promise. */
class PlanCommandExamplesTest {
    private static final String PLATFORM = "1111111111111111";
    private static final String ORDERS = "2222222222222222";
    private static final String REPORTING = "3333333333333333";
    private static final String ANALYTICS = "5555555555555555";

    static Stream<Arguments> grantExamples() {
        return Stream.of(
                Arguments.of("dts/task-owns-destination.yaml", List.of(ORDERS + " ram-for-dts"),
                        "only in the source account"),
                Arguments.of("dts/task-owns-source.yaml", List.of(REPORTING + " ram-for-dts"),
                        "only in the destination account"),
                Arguments.of("dts/task-owns-neither.yaml",
                        List.of(ORDERS + " ram-for-dts-sync", REPORTING + " ram-for-dts-sync"), "owns neither instance"),
                Arguments.of("dts/shared-instance-account.yaml", List.of(ORDERS + " ram-for-dts-cache"),
                        "which owns both instances"),
                Arguments.of("dts/task-owns-both.yaml", List.of(), "owns both instances"),
                Arguments.of("dms/registration.yaml", List.of(ANALYTICS + " dms-cross-account"), "register the databases"),
                Arguments.of("dms/registration-rds-only.yaml", List.of(ANALYTICS + " dms-cross-account-rds"),
                        "No custom policy"),
                Arguments.of("dms/access.yaml", List.of(ANALYTICS + " dms-analysts"), "AliyunSTSAssumeRoleAccess"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grantExamples")
    void grantExamplePlansItsRoles(String example, List<String> roles, String note) {
        Run run = offlinePlan("-f", EXAMPLES.resolve("accounts").toString(), "-f", EXAMPLES.resolve(example).toString(),
                "-o", "json");

        assertThat(run.exit()).as(run.out()).isZero();
        JsonNode grant = run.json().path("resources").get(4);
        assertThat(grant.path("valid").asBoolean()).isTrue();
        List<String> planned = new ArrayList<>();
        grant.path("roles").forEach(r -> planned.add(r.path("accountId").asText() + " " + r.path("roleName").asText()));
        assertThat(planned).containsExactlyElementsOf(roles);
        assertThat(grant.path("actions")).hasSizeGreaterThanOrEqualTo(roles.size());
        assertThat(grant.path("notes")).extracting(JsonNode::asText).anySatisfy(n -> assertThat(n).contains(note));
        assertThat(offlinePlan("-f", EXAMPLES.resolve("accounts").toString(), "-f", EXAMPLES.resolve(example).toString())
                .exit()).isZero();
    }

    @Test
    void theWholeExamplesDirectoryIsValid() {
        Run run = offlinePlan("-f", EXAMPLES.toString(), "-o", "json");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.json().path("errors")).isEmpty();
        assertThat(run.json().path("resources")).hasSize(12)
                .allSatisfy(r -> assertThat(r.path("valid").asBoolean()).as(r.toString()).isTrue());
        assertThat(run.json().path("resources")).extracting(r -> r.path("kind").asText())
                .filteredOn("AlibabaCloudAccount"::equals).hasSize(4);
    }

    @Test
    void everyExampleFileIsCoveredAndCommented() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        List<String> covered = grantExamples().map(a -> (String) a.get()[0]).toList();
        for (Path file : files) {
            String relative = EXAMPLES.relativize(file).toString().replace('\\', '/');
            assertThat(relative.startsWith("accounts/") || covered.contains(relative)).as(relative).isTrue();
            assertThat(Files.readString(file)).as(relative).startsWith("#");
        }
    }

    @Test
    void everyCredentialSourceHasAnAccountExample() throws IOException {
        Run run = offlinePlan("-f", EXAMPLES.resolve("accounts").toString());

        assertThat(run.exit()).isZero();
        String all = Files.readString(EXAMPLES.resolve("accounts/secret-ref.yaml"))
                + Files.readString(EXAMPLES.resolve("accounts/assume-role.yaml"))
                + Files.readString(EXAMPLES.resolve("accounts/oidc.yaml"))
                + Files.readString(EXAMPLES.resolve("accounts/default-chain.yaml"));
        assertThat(all).contains("secretRef:").contains("kind: Secret").contains("assumeRole:").contains("oidc:")
                .contains("default: true");
    }

    /**
     * The examples name Alibaba Cloud's public endpoints, which no test may reach: render them
     * offline, as a pull-request check without credentials would.
     */
    private static Run offlinePlan(String... args) {
        String[] withOffline = new String[args.length + 1];
        withOffline[0] = "--offline";
        System.arraycopy(args, 0, withOffline, 1, args.length);
        return plan(withOffline);
    }
}
