package io.ramgrants.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plan} offline: exit codes, the JSON shape README documents, errors naming file, resource and field. */
class PlanCommandTest {
    static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).resolve("examples");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    static Run plan(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("plan"));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonHasExactlyTheDesignShape() {
        Run run = plan("-f", EXAMPLES.resolve("accounts").toString(),
                "-f", EXAMPLES.resolve("dms/registration.yaml").toString(), "-o", "json");

        assertThat(run.exit()).isZero();
        JsonNode root = run.json();
        assertThat(root.fieldNames()).toIterable().containsExactly("resources", "errors");
        JsonNode grant = root.path("resources").get(4);
        assertThat(grant.fieldNames()).toIterable()
                .startsWith("kind", "namespace", "name", "valid", "errors", "roles", "actions");
        assertThat(grant.path("kind").asText()).isEqualTo("DmsRegistrationRole");
        assertThat(grant.path("namespace").asText()).isEqualTo("analytics");
        assertThat(grant.path("valid").asBoolean()).isTrue();
        JsonNode role = grant.path("roles").get(0);
        assertThat(role.fieldNames()).toIterable().containsExactly("accountId", "roleName", "trustPolicy",
                "attachedPolicies", "customPolicies");
        assertThat(role.path("trustPolicy").path("Statement").get(0).path("Principal").path("Service").get(0).asText())
                .isEqualTo("4444444444444444@dms.aliyuncs.com");
        String policyName = role.path("customPolicies").get(0).path("policyName").asText();
        assertThat(role.path("attachedPolicies").get(0).path("policyName").asText()).isEqualTo(policyName);
        assertThat(role.path("attachedPolicies").get(0).path("policyType").asText()).isEqualTo("Custom");
        assertThat(role.path("customPolicies").get(0).path("document").path("Statement").get(0).path("Action"))
                .extracting(JsonNode::asText).contains("vpc:DescribeVpcs", "kvstore:DescribeInstances");
        assertThat(grant.path("actions")).extracting(JsonNode::asText).containsExactly(
                "CreatePolicy " + policyName + " in 5555555555555555",
                "CreateRole dms-cross-account in 5555555555555555",
                "AttachPolicy Custom/" + policyName + " to dms-cross-account in 5555555555555555");
    }

    @Test
    void invalidInputExitsOneAndNamesFileResourceAndField() throws IOException {
        Path file = Files.writeString(dir.resolve("grant.yaml"), """
                apiVersion: ramgrants.io/v1alpha1
                kind: CrossAccountDtsGrant
                metadata: {name: sync, namespace: team-a}
                spec:
                  taskAccountId: "1111111111111111"
                  source: {accountId: "2222222222222222", engine: RdsMySQL}
                  destination: {accountRef: {name: missing}, engine: PolarDBMySQL}
                """);

        Run text = plan("-f", file.toString());
        Run json = plan("-f", file.toString(), "-o", "json");

        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out())
                .contains(file + ": CrossAccountDtsGrant team-a/sync: spec.destination.engine: must be RdsMySQL")
                .contains(file + ": CrossAccountDtsGrant team-a/sync: spec.destination.accountRef: "
                        + "no AlibabaCloudAccount named 'missing'")
                .contains("INVALID");
        assertThat(json.exit()).isEqualTo(1);
        JsonNode resource = json.json().path("resources").get(0);
        assertThat(resource.path("valid").asBoolean()).isFalse();
        assertThat(resource.path("errors")).hasSize(2);
        assertThat(resource.path("roles")).isEmpty();
        assertThat(resource.path("actions")).isEmpty();
    }

    @Test
    void unreadableDocumentsAreErrorsAndExitOne() throws IOException {
        Path file = Files.writeString(dir.resolve("mixed.yaml"), "apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata: {name: web}\n---\nkey: [broken\n");

        Run run = plan("-f", file.toString(), "-o", "json", "--strict");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("resources")).isEmpty();
        assertThat(run.json().path("errors")).extracting(JsonNode::asText).satisfiesExactly(
                e -> assertThat(e).startsWith(file + ": unknown kind 'Deployment'"),
                e -> assertThat(e).startsWith(file + "#2: not valid YAML"));

        Run lenient = plan("-f", file.toString(), "-o", "json");
        assertThat(lenient.exit()).isEqualTo(1);
        assertThat(lenient.json().path("errors")).extracting(JsonNode::asText).singleElement().asString()
                .startsWith(file + "#2: not valid YAML");
        assertThat(lenient.err()).contains("plan: " + file + ": skipped Deployment web (apps/v1)");
    }

    @Test
    void secretsAreReadButNeverPrinted() {
        for (String format : List.of("text", "json")) {
            Run run = plan("-f", EXAMPLES.toString(), "-o", format);

            assertThat(run.exit()).isZero();
            assertThat(run.out() + run.err()).doesNotContain("example-access-key-secret-never-printed")
                    .doesNotContain("LTAI-example-access-key-id");
        }
    }

    @Test
    void detailedExitCodeOfflineSaysNothingWasDiffed() {
        Run run = plan("-f", EXAMPLES.toString(), "--detailed-exitcode");
        assertThat(run.exit()).as("the examples' accounts have no credentials here").isEqualTo(PlanCommand.NOT_DIFFED);
        assertThat(run.err()).contains("not diffed against RAM");
        assertThat(plan("-f", EXAMPLES.toString(), "--detailed-exitcode", "--offline").exit())
                .isEqualTo(PlanCommand.NOT_DIFFED);
        assertThat(plan("-f", EXAMPLES.toString()).exit()).as("a validity check without the flag").isZero();
    }

    @Test
    void helpAndUsageErrors() {
        Run help = plan("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("-f, --filename=FILE|DIR").contains("-o, --output=text|json")
                .contains("--detailed-exitcode");

        assertThat(plan().exit()).as("-f is required").isEqualTo(2);
        assertThat(plan("-f", "x", "-o", "yaml").exit()).as("unknown format").isEqualTo(2);
    }

    @Test
    void missingFileIsAnError() {
        Run run = plan("-f", dir.resolve("absent.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("absent.yaml: no such file or directory");
    }
}
