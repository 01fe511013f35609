package io.ramgrants.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.FaultSettings;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamPolicy;
import io.ramgrants.ram.RamRole;
import io.ramgrants.ram.SdkRamGateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One-shot {@code apply} against a RAM that throttles 30 % of calls, answers 10 % with a 5xx and
 * loses the reply of 10 % of the writes it commits, and is eventually consistent (up to 300 ms):
 * 20 grants of every kind converge in one run
 * (exit 0), RAM holds exactly what they declare and nothing twice, and {@code plan} then finds no drift.
 */
class ApplyThroughFaultsTest {
    static final String PLATFORM = "1111111111111111";
    static final String ORDERS = "2222222222222222";
    static final String ANALYTICS = "5555555555555555";
    static final int GRANTS_PER_KIND = 20;

    @TempDir
    Path dir;
    RamEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void twentyGrantsOfEveryKindConvergeThroughThrottlingServerErrorsAndLostReplies() throws IOException {
        emulator = RamEmulator.start(EmulatorConfig.builder()
                .account(PLATFORM, "AKID-PLATFORM", "platform-secret")
                .account(ORDERS, "AKID-ORDERS", "orders-secret")
                .account(ANALYTICS, "AKID-ANALYTICS", "analytics-secret")
                .seed(14L).threads(4).build(), 0);
        writeManifests();
        // And RAM catching up with each write for up to 300 ms (the consistency-lag model).
        emulator.setFaults(new FaultSettings(0.30, 0.10, 0, 0.10, 300));

        ApplyCommand apply = new ApplyCommand();
        // The CLI's per-call backoff (200 ms to 2 s), shortened so the test takes seconds; the same code path.
        apply.settings = OnlinePlan.CLI_SETTINGS.withRetries(4, java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(40));
        apply.sleeper = d -> Thread.sleep(Math.min(d.toMillis(), 50));
        Run applied = run(apply, "-f", dir.toString(), "--timeout", "3m");

        Map<String, Map<String, Long>> faults = emulator.faultCounts();
        emulator.setFaults(FaultSettings.NONE);
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.out()).contains("RAM matches the manifests");
        assertThat(faults).as("the faults really happened").isNotEmpty();
        assertThat(emulator.lostReplyCounts()).as("lost replies happened").isNotEmpty();

        SdkRamGateway orders = admin(ORDERS, "AKID-ORDERS", "orders-secret");
        SdkRamGateway analytics = admin(ANALYTICS, "AKID-ANALYTICS", "analytics-secret");
        assertThat(roleNames(orders)).containsExactlyElementsOf(names("dts-", GRANTS_PER_KIND));
        List<String> analyticsRoles = new java.util.ArrayList<>(names("dmsacc-", GRANTS_PER_KIND));
        analyticsRoles.addAll(names("dmsreg-", GRANTS_PER_KIND));
        assertThat(roleNames(analytics)).containsExactlyInAnyOrderElementsOf(analyticsRoles);
        for (String role : names("dts-", GRANTS_PER_KIND)) {
            assertThat(orders.listPoliciesForRole(role)).extracting(AttachedPolicy::policyName)
                    .containsExactly("AliyunDTSRolePolicy");
        }
        for (String role : names("dmsacc-", GRANTS_PER_KIND)) {
            assertThat(analytics.listPoliciesForRole(role)).extracting(AttachedPolicy::policyName)
                    .containsExactly("AliyunDMSLoginConsoleAccess");
        }
        for (String role : names("dmsreg-", GRANTS_PER_KIND)) {
            assertThat(analytics.listPoliciesForRole(role)).singleElement()
                    .extracting(AttachedPolicy::policyType).isEqualTo(PolicyType.Custom);
        }
        List<RamPolicy> custom = analytics.listPolicies(PolicyType.Custom, null, 1000).policies();
        assertThat(custom).as("one custom policy per registration, none twice").hasSize(GRANTS_PER_KIND);
        for (RamPolicy policy : custom) {
            assertThat(analytics.listPolicyVersions(PolicyType.Custom, policy.policyName()))
                    .as("no duplicated version of " + policy.policyName()).hasSize(1);
        }

        Run plan = run("plan", "-f", dir.toString(), "--detailed-exitcode");
        assertThat(plan.exit()).as(plan.out()).isZero();
        long retried = applied.out().lines().filter(l -> l.contains("retrying after:")).count();
        System.out.println("apply through faults: " + applied.out().lines().filter(l -> l.startsWith("apply:"))
                .findFirst().orElse("") + "; " + retried + " pass(es) stopped by a fault and retried; faults " + new TreeMap<>(faults)
                + "; lost replies " + emulator.lostReplyCounts());
    }

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        return run(new Main(), args);
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    SdkRamGateway admin(String accountId, String keyId, String secret) {
        return new SdkRamGateway(accountId, URI.create(emulator.endpoint()),
                () -> AccessKeyCredentials.permanent(keyId, secret), RamClientSettings.defaults());
    }

    static List<String> roleNames(SdkRamGateway ram) {
        return ram.listRoles(null, 1000).roles().stream().map(RamRole::roleName).sorted().toList();
    }

    static List<String> names(String prefix, int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> prefix + String.format("%02d", i))
                .sorted().toList();
    }

    void writeManifests() throws IOException {
        StringBuilder yaml = new StringBuilder();
        String ram = emulator.endpoint();
        yaml.append(ApplyCommandTest.account(ram, "platform", PLATFORM, "AKID-PLATFORM", "platform-secret", ""))
                .append("---\n")
                .append(ApplyCommandTest.account(ram, "orders", ORDERS, "AKID-ORDERS", "orders-secret", ""))
                .append("---\n")
                .append(ApplyCommandTest.account(ram, "analytics", ANALYTICS, "AKID-ANALYTICS", "analytics-secret",
                        "  trustableAccounts: [\"4444444444444444\"]\n"))
                .append("---\n");
        Files.writeString(dir.resolve("accounts.yaml"), yaml);
        StringBuilder grants = new StringBuilder();
        for (int i = 1; i <= GRANTS_PER_KIND; i++) {
            String n = String.format("%02d", i);
            grants.append("""
                    apiVersion: ramgrants.io/v1alpha1
                    kind: CrossAccountDtsGrant
                    metadata: {name: dts-%1$s, namespace: data}
                    spec:
                      taskAccountId: "%2$s"
                      source: {accountRef: {name: orders}, engine: PolarDBMySQL}
                      destination: {accountId: "%2$s", engine: RdsMySQL}
                      roleName: dts-%1$s
                    ---
                    apiVersion: ramgrants.io/v1alpha1
                    kind: DmsRegistrationRole
                    metadata: {name: dmsreg-%1$s, namespace: data}
                    spec:
                      ownerAccountRef: {name: analytics}
                      dmsAccountId: "4444444444444444"
                      databaseTypes: [Redis, PolarDBX2]
                      networkTypes: [VPC]
                      roleName: dmsreg-%1$s
                    ---
                    apiVersion: ramgrants.io/v1alpha1
                    kind: DmsAccessRole
                    metadata: {name: dmsacc-%1$s, namespace: data}
                    spec:
                      ownerAccountRef: {name: analytics}
                      accessorAccountId: "4444444444444444"
                      roleName: dmsacc-%1$s
                    ---
                    """.formatted(n, PLATFORM));
        }
        Files.writeString(dir.resolve("grants.yaml"), grants);
    }
}
