package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.B;
import static io.ramgrants.engine.Fixtures.DMS_OWNER;
import static io.ramgrants.engine.Fixtures.DTS_OWNER;
import static io.ramgrants.engine.Fixtures.OTHER_OWNER;
import static io.ramgrants.engine.Fixtures.dmsRole;
import static io.ramgrants.engine.Fixtures.dtsRole;
import static io.ramgrants.engine.Fixtures.dtsTrust;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamErrorKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine end to end against the in-memory RAM: reconcile passes, modes, conflicts, failures. */
class GrantEngineTest {
    final FakeRam ram = new FakeRam();
    final GrantEngine engine = new GrantEngine(ram);
    final EngineOptions manage = EngineOptions.defaults();

    @Test
    void createsARoleFromNothingThenFindsNothingToDo() {
        EngineResult first = engine.reconcile(List.of(dtsRole(A)), manage);

        assertThat(first.appliedLines()).containsExactly("CreateRole ram-for-dts in " + A,
                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
        assertThat(first.roles()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RoleState.CREATED);
            assertThat(r.arn()).isEqualTo("acs:ram::" + A + ":role/ram-for-dts");
        });
        assertThat(first.converged()).isTrue();

        ram.resetCalls();
        EngineResult second = engine.reconcile(List.of(dtsRole(A)), manage);
        assertThat(second.plan().isEmpty()).isTrue();
        assertThat(second.roles()).extracting(RoleResult::state).containsExactly(RoleState.UP_TO_DATE);
        assertThat(ram.calls()).isEqualTo(Map.of("GetRole", 1L, "ListPoliciesForRole", 1L));
    }

    @Test
    void steadyStateWithACustomPolicyCostsThreeReads() {
        engine.reconcile(List.of(dmsRole(A)), manage);
        ram.resetCalls();

        EngineResult steady = engine.reconcile(List.of(dmsRole(A)), manage);

        assertThat(steady.driftFound()).isFalse();
        assertThat(ram.calls()).isEqualTo(Map.of("GetRole", 1L, "ListPoliciesForRole", 1L, "GetPolicy", 1L));
    }

    @Test
    void observeModePlansButNeverWrites() {
        EngineResult result = engine.reconcile(List.of(dmsRole(A)), manage.withMode(ManagementMode.OBSERVE));

        assertThat(result.plan().lines()).hasSize(3);
        assertThat(result.applied()).isEmpty();
        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.DRIFTED);
        assertThat(result.converged()).isFalse();
        assertThat(ram.writes()).isZero();
    }

    @Test
    void planningFromNothingSaysWhatAnObservePassOverEmptyAccountsSays() {
        List<DesiredRole> roles = List.of(dtsRole(A), dmsRole(A), dmsRole(B));

        EngineResult observed = engine.reconcile(roles, manage.withMode(ManagementMode.OBSERVE));

        assertThat(new Planner().planFromNothing(roles).lines()).isNotEmpty()
                .containsExactlyElementsOf(observed.plan().lines());
    }

    @Test
    void pausedPlansButNeverWrites() {
        EngineResult result = engine.reconcile(List.of(dtsRole(A)), manage.withPaused(true));

        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.PENDING);
        assertThat(result.notes()).anyMatch(n -> n.startsWith("paused: 2 planned RAM write(s)"));
        assertThat(ram.writes()).isZero();
    }

    @Test
    void anUnownedRoleIsAConflictAndUntouchedWhileOtherRolesConverge() {
        ram.account(A).putRole("ram-for-dts", dtsTrust("9999999999999999").toJson(), "made by hand");

        EngineResult result = engine.reconcile(List.of(dtsRole(A), dtsRole(B)), manage);

        assertThat(result.conflicts()).map(Conflict::reason).containsExactly(ConflictReason.UNOWNED);
        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.CONFLICT, RoleState.CREATED);
        assertThat(result.plan().lines()).allMatch(line -> line.endsWith(B));
        assertThat(ram.account(A).roles.get("ram-for-dts").description()).isEqualTo("made by hand");
        assertThat(result.converged()).isFalse();
    }

    @Test
    void adoptionTakesOverAnUnownedRoleAndConvergesIt() {
        ram.account(A).putRole("ram-for-dts", dtsTrust("9999999999999999").toJson(), "made by hand");
        ram.account(A).attachOutOfBand("ram-for-dts", PolicyType.System, "AdministratorAccess");

        EngineResult result = engine.reconcile(List.of(dtsRole(A)), manage.withAdoption(Adoption.IF_UNOWNED));

        assertThat(result.appliedLines()).containsExactly(
                "UpdateRole ram-for-dts in " + A + " (trust policy, description)",
                "DetachPolicy System/AdministratorAccess from ram-for-dts in " + A,
                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
        assertThat(result.notes()).contains("adopting role ram-for-dts in " + A + ": it had no ownership marker");
        assertThat(ram.account(A).roles.get("ram-for-dts").description()).isEqualTo(DTS_OWNER.marker());
        assertThat(engine.reconcile(List.of(dtsRole(A)), manage).driftFound()).isFalse();
    }

    @Test
    void aRoleOfAnotherResourceIsNeverAdopted() {
        ram.account(A).putRole("ram-for-dts", dtsTrust("9999999999999999").toJson(), OTHER_OWNER.marker());

        EngineResult result = engine.reconcile(List.of(dtsRole(A)), manage.withAdoption(Adoption.IF_UNOWNED));

        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(ConflictReason.OWNED_BY_OTHER);
            assertThat(c.otherOwner()).isEqualTo(OTHER_OWNER.toString());
        });
        assertThat(ram.writes()).isZero();
    }

    @Test
    void aFailedStepStopsThePassAndTheNextPassContinuesFromThere() {
        ram.failNext("AttachPolicyToRole", RamErrorKind.ACCESS_DENIED, "NoPermission", false);

        EngineResult failed = engine.reconcile(List.of(dtsRole(A), dtsRole(B)), manage);

        assertThat(failed.appliedLines()).containsExactly("CreateRole ram-for-dts in " + A);
        assertThat(failed.failure()).hasValueSatisfying(f -> {
            assertThat(f.summary()).isEqualTo("AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A
                    + ": NoPermission");
            assertThat(f.kind()).isEqualTo(RamErrorKind.ACCESS_DENIED);
        });
        assertThat(failed.roles()).extracting(RoleResult::state).containsExactly(RoleState.FAILED, RoleState.PENDING);

        EngineResult next = engine.reconcile(List.of(dtsRole(A), dtsRole(B)), manage);
        assertThat(next.appliedLines()).containsExactly(
                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A,
                "CreateRole ram-for-dts in " + B,
                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + B);
        assertThat(next.roles()).extracting(RoleResult::state).containsExactly(RoleState.UPDATED, RoleState.CREATED);
    }

    @Test
    void aRetriedCreateThatAlreadyTookEffectIsNeitherAFailureNorADuplicate() {
        ram.failNext("CreateRole", RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Role", true);

        EngineResult first = engine.reconcile(List.of(dtsRole(A)), manage);

        assertThat(first.failure()).isEmpty();
        assertThat(first.staleObservation()).isTrue();
        assertThat(first.roles()).extracting(RoleResult::state).containsExactly(RoleState.PENDING);
        assertThat(first.notes()).contains("CreateRole ram-for-dts in " + A
                + ": already exists; RAM is re-observed on the next pass");

        EngineResult second = engine.reconcile(List.of(dtsRole(A)), manage);
        assertThat(second.appliedLines()).containsExactly(
                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
        assertThat(second.converged()).isTrue();
        assertThat(ram.account(A).roles).hasSize(1);
    }

    @Test
    void aRetriedAttachThatAlreadyTookEffectCountsAsDone() {
        ram.failNext("AttachPolicyToRole", RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Role.Policy", true);

        EngineResult result = engine.reconcile(List.of(dtsRole(A)), manage);

        assertThat(result.converged()).isTrue();
        assertThat(ram.account(A).attached("ram-for-dts")).containsExactly(new AttachedPolicy("AliyunDTSRolePolicy",
                PolicyType.System));
    }

    @Test
    void aFailedReadWritesNothingAndNamesTheRole() {
        ram.failNext("GetRole", RamErrorKind.THROTTLED, "Throttling.User", false);

        EngineResult result = engine.reconcile(List.of(dtsRole(A)), manage);

        assertThat(result.failure()).hasValueSatisfying(f ->
                assertThat(f.summary()).isEqualTo("Observe ram-for-dts in " + A + ": Throttling.User"));
        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.FAILED);
        assertThat(ram.writes()).isZero();
    }

    @Test
    void anEditedCustomPolicyGetsOurDocumentBackAsANewDefaultVersionKeepingFiveAtMost() {
        engine.reconcile(List.of(dmsRole(A)), manage);
        FakeRam.StoredPolicy policy = ram.account(A).policies.get("dms-redis-policy");
        for (int i = 0; i < 4; i++) {
            policy.addVersion("{\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}", true);
        }

        EngineResult result = engine.reconcile(List.of(dmsRole(A)), manage);

        assertThat(result.appliedLines()).containsExactly("DeletePolicyVersion dms-redis-policy v1 in " + A,
                "CreatePolicyVersion dms-redis-policy in " + A + " (as default)");
        assertThat(policy.versions).hasSize(5);
        assertThat(policy.defaultVersion().versionId()).isEqualTo("v6");
        assertThat(engine.reconcile(List.of(dmsRole(A)), manage).driftFound()).isFalse();
    }

    @Test
    void twoRolesNeedingOnePolicyCreateItOnce() {
        DesiredRole first = dmsRole(A);
        DesiredRole second = new DesiredRole(A, "ram-for-dms-2", first.description(), first.trustPolicy(), java.util.Set.of(),
                first.customPolicies(), DMS_OWNER);

        EngineResult result = engine.reconcile(List.of(first, second), manage);

        assertThat(result.appliedLines()).filteredOn(l -> l.startsWith("CreatePolicy")).hasSize(1);
        assertThat(result.converged()).isTrue();
    }
}
