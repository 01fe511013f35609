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
        Files.writeString(dir.resolve("accounts.yaml"), account("platform", PLATFORM, "AKID-PLATFORM",
                "platform-secret-value", "") + "---\n" + account("orders", ORDERS, "AKID-ORDERS", ORDERS_SECRET, "")
                + "---\n" + account("analytics", ANALYTICS, "AKID-ANALYTICS", "analytics-secret-value",
                "  trustableAccounts: [\"4444444444444444\"]\n"));
        Files.copy(EXAMPLES.resolve("dts/task-owns-destination.yaml"), dir.resolve("dts.yaml"));
        Files.copy(EXAMPLES.resolve("dms/registration.yaml"), dir.resolve("dms.yaml"));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    String account(String name, String id, String keyId, String secret, String extra) {
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
                """.formatted(name, id, keyId, secret, emulator.endpoint()) + extra;
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
                .contains("role ram-for-dts in " + ORDERS + ": CREATED (acs:ram::" + ORDERS + ":role/ram-for-dts)")
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

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("not applied: CreateRole ram-for-dts in " + ORDERS)
                .contains("role ram-for-dts in " + ORDERS + ": DRIFTED")
                .contains("role dms-cross-account in " + ANALYTICS + ": PENDING")
                .contains("note: paused: ");
        assertThat(writes()).isZero();
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
