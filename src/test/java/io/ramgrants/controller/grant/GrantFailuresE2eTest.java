package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.LONER;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.condition;
import static io.ramgrants.controller.grant.GrantOperatorHarness.ready;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.controller.Conditions;
import io.ramgrants.emulator.FaultSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What stops a grant, and how it recovers: invalid specs, accounts, RAM faults, failing deletion. */
class GrantFailuresE2eTest {
    static GrantOperatorHarness k8s;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(Duration.ofMillis(1500));
        k8s.account("acct-a", A, "LTAI-a", secret("a"));
        k8s.account("acct-b", B, "LTAI-b", secret("b"));
        k8s.account("acct-task", TASK, "LTAI-task", secret("task"));
        k8s.account("acct-loner", LONER, "LTAI-loner", secret("loner"));
        k8s.awaitAccountReady("acct-a");
        k8s.awaitAccountReady("acct-b");
        k8s.awaitAccountReady("acct-task");
        k8s.awaitAccountReady("acct-loner");
    }

    @AfterEach
    void noFaults() {
        k8s.emulator.setFaults(FaultSettings.NONE);
    }

    @AfterAll
    static void stop() {
        k8s.assertNoSecretLeaked();
        k8s.close();
    }

    @Test
    void anInvalidSpecStallsWithoutARamCall() {
        DmsRegistrationRole grant = Grants.dmsRegistration("empty", "dms-empty", "acct-loner", A, List.of(), List.of());
        grant.getSpec().roleName = "not a role name!";

        DmsRegistrationRole stalled = k8s.awaitReason(k8s.create(grant), GrantReasons.INVALID_SPEC);
        assertThat(condition(stalled, Conditions.STALLED).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(ready(stalled).getMessage()).contains("spec.databaseTypes", "spec.roleName");
        assertThat(k8s.events("empty")).filteredOn(e -> GrantReasons.INVALID_SPEC.equals(e.getReason()))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("spec.roleName");
                });
        assertThat(ramCalls(LONER)).isZero();
    }

    @Test
    void aMissingAccountIsWaitedForAndPicksUpWhenCreated() {
        DmsAccessRole grant = k8s.create(Grants.dmsAccess("late", "dms-late", "acct-late", A));
        DmsAccessRole waiting = k8s.awaitReason(grant, GrantReasons.ACCOUNT_NOT_READY);
        assertThat(condition(waiting, Conditions.RECONCILING).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(ready(waiting).getMessage()).contains("acct-late");

        k8s.account("acct-late", B, "LTAI-b", secret("b"));
        k8s.awaitGrant(grant, g -> Conditions.TRUE.equals(ready(g).getStatus()), "Ready once the account exists");
    }

    @Test
    void anAccountWhoseKeysBelongElsewhereIsNotReady() {
        k8s.account("acct-mismatch", TASK, "LTAI-b", secret("b"));
        DmsAccessRole grant = k8s.create(Grants.dmsAccess("mismatch", "dms-mismatch", "acct-mismatch", A));

        DmsAccessRole waiting = k8s.awaitGrant(grant, g -> ready(g).getMessage() != null
                && ready(g).getMessage().contains("IdentityMismatch"), "identity mismatch reported");
        assertThat(ready(waiting).getReason()).isEqualTo(GrantReasons.ACCOUNT_NOT_READY);
    }

    @Test
    void accountLimitsOnNamespacesAndTrustAreEnforced() {
        k8s.account("acct-closed", LONER, "LTAI-loner", secret("loner"), List.of("other-team"), List.of());
        k8s.account("acct-picky", B, "LTAI-b", secret("b"), List.of(), List.of(A));
        k8s.awaitAccountReady("acct-closed");
        k8s.awaitAccountReady("acct-picky");

        DmsAccessRole closed = k8s.awaitReason(k8s.create(Grants.dmsAccess("closed", "dms-closed", "acct-closed", A)),
                GrantReasons.ACCOUNT_NOT_ALLOWED);
        assertThat(ready(closed).getMessage()).contains("acct-closed", "team-a");
        DmsAccessRole picky = k8s.awaitReason(k8s.create(Grants.dmsAccess("picky", "dms-picky", "acct-picky", TASK)),
                GrantReasons.TRUST_NOT_ALLOWED);
        assertThat(ready(picky).getMessage()).contains(TASK, "trustableAccounts");
        assertThat(ramCalls(LONER)).isZero();
    }

    @Test
    void throttlingAndServerErrorsStillConverge() {
        k8s.emulator.setFaults(new FaultSettings(0.3, 0.2, 0));
        // Faults are random: a grant whose few calls all got through proves nothing, so another one
        // follows until some call met a fault (each grant must still become Ready).
        for (int i = 0; i < 5 && k8s.emulator.faultCounts().getOrDefault(B, Map.of()).isEmpty(); i++) {
            DmsRegistrationRole grant = Grants.dmsRegistration("flaky-" + i, "dms-flaky-" + i, "acct-b", A,
                    List.of(DatabaseType.Redis, DatabaseType.OceanBase), List.of());
            k8s.awaitGrant(k8s.create(grant), g -> Conditions.TRUE.equals(ready(g).getStatus()), "Ready despite faults");
        }
        assertThat(k8s.emulator.faultCounts().getOrDefault(B, Map.of())).isNotEmpty();
    }

    @Test
    void ramKeptFailingIsReportedAndRetried() {
        k8s.emulator.setFaults(new FaultSettings(1.0, 0, 0));
        CrossAccountDtsGrant grant = k8s.create(Grants.dts("throttled", "dts-throttled", "acct-a", TASK));

        CrossAccountDtsGrant throttled = k8s.awaitReason(grant, GrantReasons.RAM_THROTTLED);
        assertThat(condition(throttled, Conditions.RECONCILING).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(ready(throttled).getMessage()).contains("Throttling").doesNotContain("RequestId");

        k8s.emulator.setFaults(FaultSettings.NONE);
        k8s.awaitGrant(grant, g -> Conditions.TRUE.equals(ready(g).getStatus()), "Ready after the throttling");
    }

    @Test
    void aFailingDeletionKeepsTheFinalizerAndReports() {
        CrossAccountDtsGrant grant = k8s.awaitGrant(k8s.create(Grants.dts("sticky", "dts-sticky", "acct-a", TASK)),
                g -> Conditions.TRUE.equals(ready(g).getStatus()), "Ready");
        k8s.emulator.setFaults(new FaultSettings(0, 1.0, 0));
        k8s.delete(grant);

        CrossAccountDtsGrant blocked = k8s.awaitReason(grant, GrantReasons.RAM_UNAVAILABLE);
        assertThat(blocked.getMetadata().getFinalizers()).contains(GrantReconciler.FINALIZER);
        assertThat(ready(blocked).getMessage()).startsWith("deletion blocked");
        assertThat(k8s.eventReasons("sticky")).contains("ApplyFailed");

        k8s.emulator.setFaults(FaultSettings.NONE);
        k8s.awaitGone(grant);
        assertThat(new RamConsole(k8s.emulator, "LTAI-a", secret("a")).roleExists("dts-sticky")).isFalse();
    }

    /** RAM calls (STS excluded) the emulator served for an account. */
    private static long ramCalls(String accountId) {
        return k8s.calls(accountId).entrySet().stream()
                .filter(e -> !e.getKey().equals("GetCallerIdentity") && !e.getKey().startsWith("AssumeRole"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
