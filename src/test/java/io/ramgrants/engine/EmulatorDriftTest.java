package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.DMS_OWNER;
import static io.ramgrants.engine.Fixtures.DTS_OWNER;
import static io.ramgrants.engine.Fixtures.dmsRole;
import static io.ramgrants.engine.Fixtures.dtsRole;
import static io.ramgrants.engine.Fixtures.dtsTrust;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift made out of band through ordinary signed RAM calls, corrected by one engine pass over
 * the production gateway stack against the emulator; the pass after it finds nothing to do.
 */
class EmulatorDriftTest {
    static final String WIDE_POLICY = "{\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],"
            + "\"Version\":\"1\"}";
    final EngineOptions manage = EngineOptions.defaults();
    final List<DesiredRole> grant = List.of(dtsRole(A), dmsRole(A));
    EmulatorHarness harness;
    GrantEngine engine;
    ConsoleUser console;

    @BeforeEach
    void converge() {
        harness = new EmulatorHarness();
        engine = new GrantEngine(harness);
        console = harness.console(A);
        assertThat(engine.reconcile(grant, manage).converged()).isTrue();
        harness.emulator.resetCounters();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** One pass applies exactly {@code expected}; the next finds RAM matching. */
    void correctedBy(String... expected) {
        EngineResult result = engine.reconcile(grant, manage);
        assertThat(result.appliedLines()).containsExactly(expected);
        assertThat(result.converged()).isTrue();
        assertThat(engine.reconcile(grant, manage).driftFound()).isFalse();
    }

    @Test
    void aMatchingGrantPlansNothingAndWritesNothing() {
        EngineResult result = engine.reconcile(grant, manage);

        assertThat(result.plan().isEmpty()).isTrue();
        assertThat(result.roles()).extracting(RoleResult::state).containsOnly(RoleState.UP_TO_DATE);
        assertThat(harness.calls(A)).isEqualTo(Map.of("GetRole", 2L, "ListPoliciesForRole", 2L, "GetPolicy", 1L));
    }

    @Test
    void anEditedTrustPolicyIsRestored() {
        console.updateTrust("ram-for-dts", dtsTrust("9999999999999999").toJson());

        correctedBy("UpdateRole ram-for-dts in " + A + " (trust policy)");
        assertThat(PolicyDocument.parse(console.role("ram-for-dts").assumeRolePolicyDocument))
                .isEqualTo(dtsRole(A).trustPolicy());
    }

    /**
     * RAM resets an absent NewMaxSessionDuration to its default (3600 s), so the engine's UpdateRole
     * sends the value it observed: correcting the trust policy keeps the administrator's 2 h sessions.
     */
    @Test
    void correctingTheTrustPolicyKeepsTheRolesMaxSessionDuration() {
        console.updateTrustAndSession("ram-for-dts", dtsTrust("9999999999999999").toJson(), 7200);

        correctedBy("UpdateRole ram-for-dts in " + A + " (trust policy)");
        assertThat(console.role("ram-for-dts").maxSessionDuration).isEqualTo(7200L);
        assertThat(PolicyDocument.parse(console.role("ram-for-dts").assumeRolePolicyDocument))
                .isEqualTo(dtsRole(A).trustPolicy());
    }

    @Test
    void aDetachedPolicyIsAttachedAgain() {
        console.detach("System", "AliyunDTSRolePolicy", "ram-for-dts");

        correctedBy("AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
        assertThat(console.attached("ram-for-dts")).containsExactly("System/AliyunDTSRolePolicy");
    }

    @Test
    void administratorAccessAttachedOutOfBandIsDetached() {
        console.attach("System", "AdministratorAccess", "ram-for-dts");

        correctedBy("DetachPolicy System/AdministratorAccess from ram-for-dts in " + A);
        assertThat(console.attached("ram-for-dts")).containsExactly("System/AliyunDTSRolePolicy");
    }

    @Test
    void anEditedCustomPolicyGetsOurDocumentBackWithAtMostFiveVersions() {
        for (int i = 0; i < 4; i++) {
            console.newDefaultVersion("dms-redis-policy", WIDE_POLICY.replace("*\",\"Effect", "ecs:" + i + "\",\"Effect"));
        }
        assertThat(console.versions("dms-redis-policy")).hasSize(5);

        correctedBy("DeletePolicyVersion dms-redis-policy v1 in " + A,
                "CreatePolicyVersion dms-redis-policy in " + A + " (as default)");
        var versions = console.versions("dms-redis-policy");
        assertThat(versions).hasSize(5);
        assertThat(versions).filteredOn(v -> v.isDefaultVersion).singleElement().satisfies(v -> {
            assertThat(v.versionId).isEqualTo("v6");
            assertThat(PolicyDocument.parse(v.policyDocument)).isEqualTo(dmsRole(A).customPolicies().get(0).document());
        });
    }

    @Test
    void aDeletedRoleIsRecreated() {
        console.detach("System", "AliyunDTSRolePolicy", "ram-for-dts");
        console.deleteRole("ram-for-dts");

        correctedBy("CreateRole ram-for-dts in " + A, "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
        assertThat(console.role("ram-for-dts").description).isEqualTo(DTS_OWNER.marker());
    }

    @Test
    void anEditedDescriptionIsRestoredWhileTheMarkerRemains() {
        console.updateDescription("ram-for-dms", "temporary access " + DMS_OWNER.marker());

        correctedBy("UpdateRole ram-for-dms in " + A + " (description)");
        assertThat(console.role("ram-for-dms").description).isEqualTo(DMS_OWNER.marker());
    }

    @Test
    void aRemovedMarkerIsAConflictUntilAdoptionRestoresIt() {
        console.updateDescription("ram-for-dts", "who owns this?");
        harness.emulator.resetCounters();

        EngineResult blocked = engine.reconcile(grant, manage);
        assertThat(blocked.conflicts()).map(Conflict::message)
                .containsExactly("role ram-for-dts in " + A + " has no ramgrants.io ownership marker");
        assertThat(harness.writes(A)).isZero();

        EngineResult adopted = engine.reconcile(grant, manage.withAdoption(Adoption.IF_UNOWNED));
        assertThat(adopted.appliedLines()).containsExactly("UpdateRole ram-for-dts in " + A + " (description)");
        assertThat(console.role("ram-for-dts").description).isEqualTo(DTS_OWNER.marker());
        assertThat(engine.reconcile(grant, manage).converged()).isTrue();
    }

    @Test
    void severalDriftsAtOnceAreCorrectedInOnePass() {
        console.updateTrust("ram-for-dms", dtsTrust("9999999999999999").toJson());
        console.attach("System", "AdministratorAccess", "ram-for-dms");
        console.detach("Custom", "dms-redis-policy", "ram-for-dms");
        console.newDefaultVersion("dms-redis-policy", WIDE_POLICY);

        correctedBy("CreatePolicyVersion dms-redis-policy in " + A + " (as default)",
                "UpdateRole ram-for-dms in " + A + " (trust policy)",
                "DetachPolicy System/AdministratorAccess from ram-for-dms in " + A,
                "AttachPolicy Custom/dms-redis-policy to ram-for-dms in " + A);
    }
}
