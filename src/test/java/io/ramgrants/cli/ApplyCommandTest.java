package io.ramgrants.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.ConsoleUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code apply} and online {@code plan} end to end: the sample grants from examples/ with
 * accounts whose Secrets and endpoints point at the emulator.
 */
class ApplyCommandTest {
    static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).resolve("examples");
    static final String PLATFORM = "1111111111111111";
    static final String ORDERS = "2222222222222222";
    static final String ANALYTICS = "5555555555555555";
    static final String ORDERS_SECRET = "orders-secret-value-never-printed";

    @TempDir
    Path dir;
    RamEmulator emulator;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void manifests() throws IOException {
        emulator = RamEmulator.start(EmulatorConfig.builder()
                .account(PLATFORM, "AKID-PLATFORM", "platform-secret-value")
                .account(ORDERS, "AKID-ORDERS", ORDERS_SECRET)
                .account(ANALYTICS, "AKID-ANALYTICS", "analytics-secret-value")
                .seed(7L).threads(4).build(), 0);
        String ram = emulator.endpoint();
        Files.writeString(dir.resolve("accounts.yaml"), account(ram, "platform", PLATFORM, "AKID-PLATFORM",
                "platform-secret-value", "") + "---\n" + account(ram, "orders", ORDERS, "AKID-ORDERS", ORDERS_SECRET, "")
                + "---\n" + account(ram, "analytics", ANALYTICS, "AKID-ANALYTICS", "analytics-secret-value",
                "  trustableAccounts: [\"4444444444444444\"]\n"));
        Files.copy(EXAMPLES.resolve("dts/task-owns-destination.yaml"), dir.resolve("dts.yaml"));
        Files.copy(EXAMPLES.resolve("dms/registration.yaml"), dir.resolve("dms.yaml"));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /**
     * An AlibabaCloudAccount reaching RAM and STS at {@code endpoint} with an AccessKey from its Secret;
     * {@code extra} ends its spec (indented two spaces), e.g. {@code trustableAccounts}.
     */
    static String account(String endpoint, String name, String id, String keyId, String secret, String extra) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: %1$s-key, namespace: ramgrants-system}
                stringData: {accessKeyId: %3$s, accessKeySecret: %4$s}
                ---
                apiVersion: ramgrants.io/v1alpha1
                kind: AlibabaCloudAccount
                metadata: {name: %1$s}
                spec:
                  accountId: "%2$s"
                  credentials: {secretRef: {name: %1$s-key, namespace: ramgrants-system}}
                  endpoint: {ram: "%5$s", sts: "%5$s"}
                """.formatted(name, id, keyId, secret, endpoint) + extra;
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Run apply() {
        return run("apply", "-f", dir.toString());
    }

    Run plan(String... extra) {
        List<String> args = new ArrayList<>(List.of("plan", "-f", dir.toString(), "--detailed-exitcode"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    long writes() {
        return emulator.callCounts().values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> !e.getKey().startsWith("Get") && !e.getKey().startsWith("List"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void accountsAtHostsOffTheAllowListAreRefusedUnlessAFlagAllowsThem() throws Exception {
        String host = java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
        org.junit.jupiter.api.Assumptions.assumeFalse(host.equals("localhost"), "needs a host name that is not loopback");
        String elsewhere = emulator.endpoint().replace("127.0.0.1", host);
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        for (String file : List.of("accounts.yaml", "dts.yaml", "dms.yaml")) {
            Files.writeString(foreign.resolve(file), Files.readString(dir.resolve(file))
                    .replace(emulator.endpoint(), elsewhere));
        }

        Run refused = run("apply", "-f", foreign.toString());
        Run planned = run("plan", "-f", foreign.toString(), "--detailed-exitcode");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
        assertThat(refused.out()).contains("EndpointNotAllowed").contains("spec.endpoint.ram names host " + host)
                .contains("--allow-endpoint-host");
        assertThat(planned.exit()).isEqualTo(1);
        assertThat(planned.err()).contains("EndpointNotAllowed");
        assertThat(writes()).isZero();
        assertThat(emulator.callCounts().values().stream().mapToLong(m -> m.getOrDefault("GetCallerIdentity", 0L)).sum())
                .as("not even an identity check").isZero();

        Run tooWide = run("plan", "-f", foreign.toString(), "--allow-endpoint-host", "*");
        assertThat(tooWide.exit()).isNotZero();
        assertThat(tooWide.err()).contains("too wide").doesNotContain("Exception");

        Run allowed = run("apply", "-f", foreign.toString(), "--allow-endpoint-host", host);
        assertThat(allowed.out()).doesNotContain("EndpointNotAllowed");
        assertThat(allowed.exit()).as(allowed.out()).isIn(0, 3);
    }

    @Test
    void planShowsTheDiffApplyConvergesAndPlanThenFindsNothing() {
        Run before = plan();
        assertThat(before.exit()).as(before.out() + before.err()).isEqualTo(2);
        assertThat(before.out()).contains("CreateRole ram-for-dts in " + ORDERS)
                .contains("AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + ORDERS)
                .contains("CreateRole dms-cross-account in " + ANALYTICS);
        assertThat(writes()).as("plan never writes").isZero();

        Run applied = apply();
        assertThat(applied.exit()).as(applied.out()).isZero();
        assertThat(applied.out()).contains("applied: CreateRole ram-for-dts in " + ORDERS)
                .contains("applied: AttachPolicy Custom/")
                .contains("role ram-for-dts in " + ORDERS + ": created (acs:ram::" + ORDERS + ":role/ram-for-dts)")
                .contains("RAM matches the manifests");

        Run after = plan();
        assertThat(after.exit()).as(after.out()).isZero();
        assertThat(after.out()).doesNotContain("CreateRole");
        assertThat(run("apply", "-f", dir.toString()).out()).contains("apply: 0 action(s) applied");
    }

    @Test
    void driftMadeOutOfBandIsShownByPlanAndCorrectedByApply() {
        assertThat(apply().exit()).isZero();
        new ConsoleUser(emulator.port(), "AKID-ORDERS", ORDERS_SECRET).attach("System", "AdministratorAccess", "ram-for-dts");

        Run drift = plan("-o", "json");
        assertThat(drift.exit()).isEqualTo(2);
        assertThat(drift.out()).contains("\"DetachPolicy System/AdministratorAccess from ram-for-dts in " + ORDERS + "\"")
                .contains("\"findings\"");

        Run corrected = apply();
        assertThat(corrected.exit()).isZero();
        assertThat(corrected.out()).contains("applied: DetachPolicy System/AdministratorAccess from ram-for-dts in " + ORDERS);
        assertThat(plan().exit()).isZero();
    }

    @Test
    void aRenameIsPlannedAsRemovalOfTheOldRoleAndApplyLeavesOnlyTheNewOne() throws IOException {
        assertThat(apply().exit()).isZero();
        Path dts = dir.resolve("dts.yaml");
        Files.writeString(dts, Files.readString(dts).replace("  description:", "  roleName: ram-for-dts-v2\n  description:"));

        Run planned = plan();
        assertThat(planned.exit()).as(planned.out()).isEqualTo(2);
        assertThat(planned.out()).contains("CreateRole ram-for-dts-v2 in " + ORDERS)
                .contains("DeleteRole ram-for-dts in " + ORDERS + " (no longer declared)")
                .contains("warning: account " + ORDERS + " has no DTS service role AliyunDTSDefaultRole");

        Run applied = apply();
        assertThat(applied.exit()).as(applied.out()).isZero();
        assertThat(applied.out()).contains("applied: DeleteRole ram-for-dts in " + ORDERS + " (no longer declared)");
        ConsoleUser orders = new ConsoleUser(emulator.port(), "AKID-ORDERS", ORDERS_SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> orders.role("ram-for-dts"));
        assertThat(orders.attached("ram-for-dts-v2")).containsExactly("System/AliyunDTSRolePolicy");
        assertThat(plan().exit()).isZero();
    }

    @Test
    void aRoleMadeByHandIsAConflictAndApplyExitsThree() {
        new ConsoleUser(emulator.port(), "AKID-ORDERS", ORDERS_SECRET).createRole("ram-for-dts",
                "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::9999999999999999:root\"]}}],\"Version\":\"1\"}",
                "made by hand");

        Run run = apply();

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("conflict: role ram-for-dts in " + ORDERS + " has no ramgrants.io ownership marker")
                .contains("RAM does not match the manifests yet");
        assertThat(plan().exit()).as("a conflict is drift").isEqualTo(2);
    }

    @Test
    void observeModeAndThePauseAnnotationAreHonoured() throws IOException {
        Files.writeString(dir.resolve("dts.yaml"), Files.readString(dir.resolve("dts.yaml")) + "  managementPolicy: Observe\n");
        Files.writeString(dir.resolve("dms.yaml"), Files.readString(dir.resolve("dms.yaml"))
                .replace("  namespace: analytics\n", "  namespace: analytics\n  annotations: {ramgrants.io/paused: \"true\"}\n"));

        Run run = apply();

        assertThat(run.exit()).as("skipped resources are reported, not failures").isZero();
        assertThat(run.out()).contains("not applied: CreateRole ram-for-dts in " + ORDERS)
                .contains("role ram-for-dts in " + ORDERS + ": observe-only")
                .contains("role dms-cross-account in " + ANALYTICS + ": paused")
                .contains("note: paused: ")
                .contains("apply: skipped CrossAccountDtsGrant data-platform/orders-to-platform: Observe mode")
                .contains("apply: skipped DmsRegistrationRole analytics/bi-databases: paused")
                .contains("except 2 skipped resource(s)");
        assertThat(run("apply", "-f", dir.toString(), "--fail-on-skipped").exit()).isEqualTo(3);
        Run planned = plan();
        assertThat(planned.exit()).as("RAM differs from the manifests").isEqualTo(2);
        assertThat(planned.out()).contains("role ram-for-dts in " + ORDERS + ": observe-only")
                .contains("role dms-cross-account in " + ANALYTICS + ": paused");
        assertThat(writes()).isZero();
    }

    @Test
    void aMissingRoleInManageModeIsMissingNotObserveMode() {
        Run planned = plan();

        assertThat(planned.exit()).isEqualTo(2);
        assertThat(planned.out()).contains("role ram-for-dts in " + ORDERS + ": missing")
                .contains("+ CreateRole ram-for-dts in " + ORDERS)
                .contains("+ trust.principal.RAM: \"acs:ram::" + PLATFORM + ":root\"")
                .contains("actions (diffed against RAM):")
                .doesNotContain("Observe mode").doesNotContain("DRIFTED");
    }

    @Test
    void trustDriftShowsWhichPrincipalWasAddedAndRemoved() throws Exception {
        assertThat(apply().exit()).isZero();
        new ConsoleUser(emulator.port(), "AKID-ORDERS", ORDERS_SECRET).updateTrust("ram-for-dts",
                "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":"
                        + "[\"acs:ram::9999999999999999:root\"],\"Service\":[\"" + PLATFORM + "@dts.aliyuncs.com\"]}}],"
                        + "\"Version\":\"1\"}");

        Run text = plan();
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.out()).contains("~ UpdateRole ram-for-dts in " + ORDERS + " (trust policy)")
                .contains("- trust.principal.RAM: \"acs:ram::9999999999999999:root\"")
                .contains("+ trust.principal.RAM: \"acs:ram::" + PLATFORM + ":root\"")
                .contains("role ram-for-dts in " + ORDERS + ": drifted")
                .doesNotContain("trust.principal.Service");

        Run json = plan("-o", "json");
        com.fasterxml.jackson.databind.JsonNode grant = null;
        for (com.fasterxml.jackson.databind.JsonNode r : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.out()).path("resources")) {
            if (r.path("kind").asText().equals("CrossAccountDtsGrant")) {
                grant = r;
            }
        }
        assertThat(grant).isNotNull();
        assertThat(grant.path("actions").get(0).asText()).isEqualTo("UpdateRole ram-for-dts in " + ORDERS + " (trust policy)");
        assertThat(grant.path("diffed").asBoolean()).isTrue();
        assertThat(grant.path("roleStates").get(0).path("state").asText()).isEqualTo("drifted");
        assertThat(grant.path("roleStates").get(0).path("roleName").asText()).isEqualTo("ram-for-dts");
        List<String> changes = new ArrayList<>();
        grant.path("changes").forEach(c -> changes.add(c.path("op").asText() + c.path("action").asText() + " "
                + c.path("account").asText() + " " + c.path("role").asText() + " " + c.path("field").asText() + " "
                + c.path("before").asText() + " -> " + c.path("after").asText()));
        assertThat(changes).containsExactly(
                "-UpdateRole " + ORDERS + " ram-for-dts trust.principal.RAM acs:ram::9999999999999999:root -> null",
                "+UpdateRole " + ORDERS + " ram-for-dts trust.principal.RAM null -> acs:ram::" + PLATFORM + ":root");
        assertThat(grant.path("changes").get(0).has("policy")).isTrue();
        assertThat(grant.path("changes").get(0).has("reason")).isTrue();
    }

    @Test
    void customPolicyDriftShowsTheActionsAddedAndRemoved() {
        assertThat(apply().exit()).isZero();
        ConsoleUser analytics = new ConsoleUser(emulator.port(), "AKID-ANALYTICS", "analytics-secret-value");
        String policy = analytics.attached("dms-cross-account").get(0).replace("Custom/", "");
        analytics.newDefaultVersion(policy, "{\"Statement\":[{\"Action\":[\"vpc:DescribeVpcs\",\"ecs:DeleteInstance\"],"
                + "\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"1\"}");

        Run planned = plan();

        assertThat(planned.exit()).isEqualTo(2);
        assertThat(planned.out()).contains("~ CreatePolicyVersion " + policy + " in " + ANALYTICS)
                .contains("- policy.action " + policy + ": \"ecs:DeleteInstance\"")
                .contains("+ policy.action " + policy + ": \"kvstore:DescribeInstances\"")
                .doesNotContain("+ policy.action " + policy + ": \"vpc:DescribeVpcs\"");
    }

    @Test
    void anAccountGivenOnlyByIdIsNotDiffedAndSaysSo() throws IOException {
        Files.writeString(dir.resolve("dts.yaml"), Files.readString(dir.resolve("dts.yaml"))
                .replace("accountId: \"" + PLATFORM + "\"   # the task", "accountId: \"3333333333333333\"   # the task"));

        Run planned = plan();
        assertThat(planned.exit()).as(planned.out() + planned.err()).isEqualTo(PlanCommand.NOT_DIFFED);
        assertThat(planned.err()).contains("account 3333333333333333: no AlibabaCloudAccount in the input")
                .contains("not a diff");
        assertThat(planned.out()).contains("actions (against empty accounts):");
        assertThat(run("plan", "-f", dir.toString()).exit()).as("without --detailed-exitcode: valid").isZero();
        assertThat(run("plan", "-f", dir.toString(), "--offline", "--detailed-exitcode").exit())
                .isEqualTo(PlanCommand.NOT_DIFFED);

        Run applied = apply();
        assertThat(applied.exit()).isEqualTo(ApplyCommand.INVALID);
        assertThat(applied.out()).contains("account 3333333333333333: no AlibabaCloudAccount in the input")
                .contains("no AlibabaCloudAccount or no credentials in the input")
                .doesNotContain("cannot reach RAM");
        assertThat(writes()).isZero();
    }

    @Test
    void cannotReachRamIsSaidOnlyWhenRamIsUnreachable() {
        emulator.close();

        Run applied = apply();
        assertThat(applied.out()).contains("cannot reach RAM");
        assertThat(applied.exit()).isEqualTo(ApplyCommand.NOT_CONVERGED);
        assertThat(plan().exit()).isEqualTo(PlanCommand.NOT_DIFFED);
    }

    @Test
    void invalidInputWritesNothingAndExitsOne() throws IOException {
        Files.writeString(dir.resolve("dts.yaml"), Files.readString(dir.resolve("dts.yaml"))
                .replace("engine: RdsMySQL", "engine: Oracle"));

        Run run = apply();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("dts.yaml").contains("spec.destination.engine").contains("nothing was written");
        assertThat(emulator.callCounts()).isEmpty();
    }

    @Test
    void keysOfAnotherAccountAreRefusedBeforeAnyRamCall() throws IOException {
        Files.writeString(dir.resolve("accounts.yaml"), Files.readString(dir.resolve("accounts.yaml"))
                .replace("accessKeyId: AKID-ORDERS, accessKeySecret: " + ORDERS_SECRET,
                        "accessKeyId: AKID-PLATFORM, accessKeySecret: platform-secret-value"));

        Run run = apply();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("IdentityMismatch").contains("nothing was written");
        assertThat(writes()).isZero();
        assertThat(plan().exit()).as("plan cannot tell drift without RAM").isEqualTo(1);
    }

    @Test
    void secretsAreNeverEchoed() {
        List<Run> runs = List.of(plan(), apply(), plan("-o", "json"), apply());
        for (Run r : runs) {
            assertThat(r.out() + r.err()).doesNotContain(ORDERS_SECRET).doesNotContain("analytics-secret-value")
                    .doesNotContain("platform-secret-value");
        }
    }
}
