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

    /** On the mock server; for {@link GrantLifecycleRealServerTest}, on the real one. */
    @BeforeAll
    static void start(org.junit.jupiter.api.TestInfo test) {
        boolean real = test.getTestClass().filter(GrantLifecycleRealServerTest.class::equals).isPresent();
        k8s = real ? GrantOperatorHarness.onRealServer(Duration.ofMillis(1500))
                : new GrantOperatorHarness(Duration.ofMillis(1500));
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

        // A brand-new grant's roles are created, not drift corrected.
        dts = k8s.awaitReason(dts, GrantReasons.CREATED);
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
        assertThat(k8s.metrics.registry().find("ramgrants.resources").tag("kind", "CrossAccountDtsGrant")
                .tag("ready", "true").gauges()).as("ramgrants_resources counts the Ready grant")
                .extracting(g -> g.value()).anySatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));

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

    @Test
    void aSpecChangeConvergesAtOnce() {
        DmsRegistrationRole grant = Grants.dmsRegistration("warehouse", "dms-warehouse", "acct-b", A,
                List.of(DatabaseType.Redis), List.of());
        grant.getSpec().policyName = "dms-warehouse-policy";
        grant = k8s.awaitGrant(k8s.create(grant), GrantLifecycleE2eTest::isReady, "Ready");
        assertThat(consoleB.policyDocument("dms-warehouse-policy")).doesNotContain("vpc:DescribeVpcs");

        DmsRegistrationRole updated = k8s.edit(grant, g -> g.getSpec().networkTypes = List.of(NetworkType.VPC));
        DmsRegistrationRole converged = k8s.awaitGrant(updated, g -> isReady(g)
                && g.getStatus().observedGeneration.equals(updated.getMetadata().getGeneration()), "new generation");
        assertThat(consoleB.policyDocument("dms-warehouse-policy")).contains("vpc:DescribeVpcs");
        assertThat(converged.getStatus().lastDriftCorrection.actions)
                .anyMatch(a -> a.startsWith("CreatePolicyVersion dms-warehouse-policy"));
        assertThat(k8s.eventReasons("warehouse")).contains("PolicyVersionCreated");
    }

    @Test
    void outOfBandEditsAreCorrectedByTheResync() {
        DmsRegistrationRole grant = Grants.dmsRegistration("drifty", "dms-drifty", "acct-b", A,
                List.of(DatabaseType.Redis), List.of(NetworkType.VPC));
        grant.getSpec().policyName = "dms-drifty-policy";
        grant = k8s.awaitGrant(k8s.create(grant), GrantLifecycleE2eTest::isReady, "Ready");
        String trust = consoleB.trust("dms-drifty").orElseThrow();
        String document = consoleB.policyDocument("dms-drifty-policy");

        consoleB.updateTrust("dms-drifty", trustingAccount(TASK));
        consoleB.attachSystemPolicy("AdministratorAccess", "dms-drifty");
        consoleB.newDefaultPolicyVersion("dms-drifty-policy",
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");

        k8s.awaitGrant(grant, g -> g.getStatus().lastDriftCorrection != null
                && g.getStatus().lastDriftCorrection.actions.stream().anyMatch(a -> a.startsWith("DetachPolicy"))
                && isReady(g), "drift corrected");
        assertThat(consoleB.attachedPolicies("dms-drifty")).containsExactly("dms-drifty-policy");
        assertThat(consoleB.trust("dms-drifty")).hasValue(trust);
        assertThat(consoleB.policyDocument("dms-drifty-policy")).isEqualTo(document);
        assertThat(k8s.eventReasons("drifty"))
                .contains("TrustPolicyUpdated", "PolicyDetached", "PolicyVersionCreated");
        assertThat(k8s.events("drifty")).filteredOn(e -> "TrustPolicyUpdated".equals(e.getReason()))
                .singleElement().satisfies(e -> assertThat(e.getMessage())
                        .contains("- trust.principal.RAM: \"acs:ram::" + TASK + ":root\"")
                        .contains("+ trust.principal.Service: "));
        assertThat(k8s.events("drifty")).filteredOn(e -> "PolicyVersionCreated".equals(e.getReason()))
                .singleElement().satisfies(e -> assertThat(e.getMessage())
                        .contains("- policy.action dms-drifty-policy: \"*\""));
        assertThat(k8s.metrics.registry().find("ramgrants.drift.corrections").tag("kind", "DmsRegistrationRole")
                .tag("field", "attachment").counter()).isNotNull();
        assertThat(k8s.metrics.registry().find("ramgrants.drift.detected").tag("kind", "DmsRegistrationRole")
                .tag("field", "attachment").tag("mode", "Manage").counter()).isNotNull();
    }

    @Test
    void observeModeReportsDriftAndNeverWrites() {
        DmsAccessRole grant = k8s.awaitGrant(k8s.create(Grants.dmsAccess("watched", "dms-watched", "acct-b", A)),
                GrantLifecycleE2eTest::isReady, "Ready");
        k8s.edit(grant, g -> g.getSpec().managementPolicy = io.ramgrants.api.ManagementPolicy.Observe);
        consoleB.attachSystemPolicy("AdministratorAccess", "dms-watched");
        long writesBefore = k8s.writes(B);

        DmsAccessRole drifted = k8s.awaitReason(grant, GrantReasons.DRIFT_DETECTED);
        assertThat(ready(drifted).getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(condition(drifted, Conditions.STALLED).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(drifted.getStatus().plan).containsExactly(
                "DetachPolicy System/AdministratorAccess from dms-watched in " + B);
        assertThat(drifted.getStatus().roles).singleElement().satisfies(r -> assertThat(r.state).isEqualTo("Drifted"));
        assertThat(k8s.events("watched")).filteredOn(e -> GrantReasons.DRIFT_DETECTED.equals(e.getReason()))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("DetachPolicy System/AdministratorAccess from dms-watched");
                });
        assertThat(k8s.metrics.registry().find("ramgrants.drift.detected").tag("kind", "DmsAccessRole")
                .tag("field", "attachment").tag("mode", "Observe").counter())
                .as("Observe-mode drift is counted").isNotNull();
        awaitAnotherResync(B);
        assertThat(k8s.writes(B)).isEqualTo(writesBefore);
        assertThat(consoleB.attachedPolicies("dms-watched")).contains("AdministratorAccess");
    }

    @Test
    void thePauseAnnotationStopsWritesUntilRemoved() {
        DmsAccessRole grant = k8s.awaitGrant(k8s.create(Grants.dmsAccess("paused", "dms-paused", "acct-b", A)),
                GrantLifecycleE2eTest::isReady, "Ready");
        k8s.edit(grant, g -> g.getMetadata().getAnnotations().put(io.ramgrants.api.ApiGroup.PAUSED_ANNOTATION, "true"));
        k8s.awaitReason(grant, GrantReasons.PAUSED);
        consoleB.attachSystemPolicy("AdministratorAccess", "dms-paused");
        long writesBefore = k8s.writes(B);

        DmsAccessRole paused = k8s.awaitGrant(grant, g -> !g.getStatus().plan.isEmpty(), "pending plan");
        assertThat(ready(paused).getReason()).isEqualTo(GrantReasons.PAUSED);
        assertThat(ready(paused).getStatus()).isEqualTo(Conditions.FALSE);
        awaitAnotherResync(B);
        assertThat(k8s.writes(B)).isEqualTo(writesBefore);

        k8s.edit(grant, g -> g.getMetadata().getAnnotations().remove(io.ramgrants.api.ApiGroup.PAUSED_ANNOTATION));
        k8s.awaitGrant(grant, g -> isReady(g) && g.getStatus().plan.isEmpty(), "unpaused and corrected");
        assertThat(consoleB.attachedPolicies("dms-paused")).containsExactly("AliyunDMSLoginConsoleAccess");
    }

    @Test
    void anUnownedRoleIsAdoptedOnlyWhenAllowed() {
        consoleA.createRole("legacy-dts", trustingAccount(TASK), "made by hand");
        CrossAccountDtsGrant grant = k8s.create(Grants.dts("legacy", "legacy-dts", "acct-a", TASK));

        CrossAccountDtsGrant conflicted = k8s.awaitReason(grant, GrantReasons.MANAGEMENT_CONFLICT);
        assertThat(ready(conflicted).getMessage()).contains("legacy-dts", "no ramgrants.io ownership marker",
                "adoption: IfUnowned");
        assertThat(k8s.eventReasons("legacy")).contains("ManagementConflict");
        assertThat(consoleA.attachedPolicies("legacy-dts")).isEmpty();

        k8s.edit(grant, g -> g.getSpec().adoption = io.ramgrants.api.AdoptionPolicy.IfUnowned);
        k8s.awaitGrant(grant, GrantLifecycleE2eTest::isReady, "adopted");
        assertThat(consoleA.attachedPolicies("legacy-dts")).containsExactly("AliyunDTSRolePolicy");
    }

    @Test
    void twoResourcesClaimingOneRoleConflictUntilOneGoes() {
        DmsAccessRole first = k8s.awaitGrant(k8s.create(Grants.dmsAccess("first", "dms-shared", "acct-b", A)),
                GrantLifecycleE2eTest::isReady, "Ready");
        DmsAccessRole second = k8s.create(Grants.dmsAccess("second", "dms-shared", "acct-b", TASK));

        DmsAccessRole conflicted = k8s.awaitReason(second, GrantReasons.MANAGEMENT_CONFLICT);
        assertThat(ready(conflicted).getMessage()).contains("dms-shared", "team-a/DmsAccessRole/first",
                "team-a/DmsAccessRole/second");
        assertThat(consoleB.trust("dms-shared").orElseThrow()).contains(A).doesNotContain(TASK);

        k8s.delete(second);
        k8s.awaitGone(second);
        k8s.awaitGrant(first, GrantLifecycleE2eTest::isReady, "Ready again");
        assertThat(consoleB.roleExists("dms-shared")).isTrue();
    }

    @Test
    void deletionHonoursTheDeletionPolicy() {
        CrossAccountDtsGrant deleted = k8s.awaitGrant(k8s.create(Grants.dts("gone", "dts-gone", "acct-a", TASK)),
                GrantLifecycleE2eTest::isReady, "Ready");
        CrossAccountDtsGrant retainedGrant = Grants.dts("kept", "dts-kept", "acct-a", TASK);
        retainedGrant.getSpec().deletionPolicy = io.ramgrants.api.DeletionPolicy.Retain;
        CrossAccountDtsGrant retained = k8s.awaitGrant(k8s.create(retainedGrant), GrantLifecycleE2eTest::isReady,
                "Ready");
        assertThat(retained.getMetadata().getFinalizers()).contains(GrantReconciler.FINALIZER);

        k8s.delete(deleted);
        k8s.delete(retained);
        k8s.awaitGone(deleted);
        k8s.awaitGone(retained);
        assertThat(consoleA.roleExists("dts-gone")).isFalse();
        assertThat(consoleA.roleExists("dts-kept")).isTrue();
        assertThat(k8s.eventReasons("gone")).contains("PolicyDetached", "RoleDeleted");
    }

    static boolean isReady(io.fabric8.kubernetes.client.CustomResource<?, io.ramgrants.api.GrantStatus> grant) {
        return Conditions.TRUE.equals(ready(grant).getStatus());
    }

    static String trustingAccount(String accountId) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::" + accountId + ":root\"]}}]}";
    }

    /** Waits until RAM has been read again for {@code accountId}: a resync has happened since. */
    static void awaitAnotherResync(String accountId) {
        long reads = k8s.calls(accountId).getOrDefault("GetRole", 0L);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> k8s.calls(accountId).getOrDefault("GetRole", 0L) >= reads + 2);
    }
}
