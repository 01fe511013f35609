package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.condition;
import static io.ramgrants.controller.grant.GrantOperatorHarness.ready;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.NetworkType;
import io.ramgrants.controller.Conditions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Grants from creation to deletion: the real operator, the mock API server and the RAM emulator. */
class GrantLifecycleE2eTest {
    static GrantOperatorHarness k8s;
    static RamConsole consoleA;
    static RamConsole consoleB;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(Duration.ofMillis(1500));
        k8s.account("acct-a", A, "LTAI-a", secret("a"));
        k8s.account("acct-b", B, "LTAI-b", secret("b"));
        k8s.account("acct-task", TASK, "LTAI-task", secret("task"));
        k8s.awaitAccountReady("acct-a");
        k8s.awaitAccountReady("acct-b");
        k8s.awaitAccountReady("acct-task");
        consoleA = new RamConsole(k8s.emulator, "LTAI-a", secret("a"));
        consoleB = new RamConsole(k8s.emulator, "LTAI-b", secret("b"));
    }

    @AfterAll
    static void stop() {
        k8s.assertNoSecretLeaked();
        k8s.close();
    }

    @Test
    void everyKindBecomesReadyWithItsRoleArns() {
        CrossAccountDtsGrant dts = k8s.create(Grants.dts("orders", "dts-orders", "acct-a", TASK));
        DmsRegistrationRole registration = k8s.create(Grants.dmsRegistration("redis", "dms-redis", "acct-b", A,
                List.of(DatabaseType.Redis), List.of(NetworkType.VPC)));
        DmsAccessRole access = k8s.create(Grants.dmsAccess("console", "dms-console", "acct-b", A));

        dts = k8s.awaitReason(dts, GrantReasons.DRIFT_CORRECTED);
        assertThat(ready(dts).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(dts.getStatus().roleArns).isEqualTo("acs:ram::" + A + ":role/dts-orders");
        assertThat(dts.getStatus().observedGeneration).isEqualTo(dts.getMetadata().getGeneration());
        assertThat(dts.getStatus().roles).singleElement().satisfies(r -> {
            assertThat(r.accountId).isEqualTo(A);
            assertThat(r.state).isEqualTo("Ready");
        });
        assertThat(dts.getStatus().notes).anyMatch(n -> n.contains("AliyunDTSDefaultRole") && n.startsWith("Warning"));
        assertThat(dts.getStatus().lastDriftCorrection.actions).contains("CreateRole dts-orders in " + A);
        assertThat(consoleA.attachedPolicies("dts-orders")).containsExactly("AliyunDTSRolePolicy");
        assertThat(k8s.eventReasons("orders")).contains("RoleCreated", "PolicyAttached");

        registration = k8s.awaitGrant(registration, g -> ready(g).getStatus().equals(Conditions.TRUE), "Ready");
        assertThat(registration.getStatus().roleArns).isEqualTo("acs:ram::" + B + ":role/dms-redis");
        assertThat(k8s.eventReasons("redis")).contains("RoleCreated", "PolicyCreated", "PolicyAttached");

        access = k8s.awaitGrant(access, g -> ready(g).getStatus().equals(Conditions.TRUE), "Ready");
        assertThat(access.getStatus().notes).anyMatch(n -> n.contains("AliyunSTSAssumeRoleAccess"));
        assertThat(consoleB.attachedPolicies("dms-console")).containsExactly("AliyunDMSLoginConsoleAccess");

        // The next resync finds nothing to do.
        k8s.awaitReason(dts, GrantReasons.UP_TO_DATE);
        assertThat(condition(k8s.get(dts), Conditions.RECONCILING).getStatus()).isEqualTo("Absent");
    }
}
