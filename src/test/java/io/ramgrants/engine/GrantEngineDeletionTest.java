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

import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamErrorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleting a grant: only what carries our marker goes, in the order RAM requires. */
class GrantEngineDeletionTest {
    final FakeRam ram = new FakeRam();
    final GrantEngine engine = new GrantEngine(ram);
    final EngineOptions manage = EngineOptions.defaults();

    @Test
    void deleteRemovesTheRoleAndOurUnusedPolicyWithItsOldVersions() {
        engine.reconcile(List.of(dmsRole(A)), manage);
        ram.account(A).attachOutOfBand("ram-for-dms", PolicyType.System, "AdministratorAccess");
        ram.account(A).policies.get("dms-redis-policy").addVersion("{\"Statement\":[{\"Action\":\"*\","
                + "\"Effect\":\"Allow\",\"Resource\":\"*\"}]}", true);

        EngineResult result = engine.delete(DMS_OWNER, List.of(dmsRole(A)), manage);

        assertThat(result.appliedLines()).containsExactly(
                "DetachPolicy Custom/dms-redis-policy from ram-for-dms in " + A,
                "DetachPolicy System/AdministratorAccess from ram-for-dms in " + A,
                "DeleteRole ram-for-dms in " + A,
                "DeletePolicyVersion dms-redis-policy v1 in " + A,
                "DeletePolicy dms-redis-policy in " + A);
        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.DELETED);
        assertThat(result.converged()).isTrue();
        assertThat(ram.account(A).roles).isEmpty();
        assertThat(ram.account(A).policies).isEmpty();
    }

    @Test
    void aPolicySomeoneElseAttachedSurvivesDeletion() {
        engine.reconcile(List.of(dmsRole(A)), manage);
        ram.account(A).putRole("hand-made", dtsTrust(B).toJson(), "");
        ram.account(A).attachOutOfBand("hand-made", PolicyType.Custom, "dms-redis-policy");

        EngineResult result = engine.delete(DMS_OWNER, List.of(dmsRole(A)), manage);

        assertThat(result.appliedLines()).containsExactly(
                "DetachPolicy Custom/dms-redis-policy from ram-for-dms in " + A, "DeleteRole ram-for-dms in " + A);
        assertThat(result.notes()).contains("policy dms-redis-policy in " + A
                + " is still attached to role hand-made: left in place");
        assertThat(ram.account(A).policies).containsKey("dms-redis-policy");
    }

    @Test
    void aRoleThatIsNotOursIsNeverTouchedWhileOursAreDeleted() {
        engine.reconcile(List.of(dtsRole(B)), manage);
        ram.account(A).putRole("ram-for-dts", dtsTrust(B).toJson(), OTHER_OWNER.marker());
        ram.account(A).attachOutOfBand("ram-for-dts", PolicyType.System, "AliyunDTSRolePolicy");

        EngineResult result = engine.delete(DTS_OWNER, List.of(dtsRole(A), dtsRole(B)), manage);

        assertThat(result.conflicts()).map(Conflict::reason).containsExactly(ConflictReason.OWNED_BY_OTHER);
        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.CONFLICT, RoleState.DELETED);
        assertThat(result.plan().lines()).allMatch(line -> line.endsWith(B));
        assertThat(ram.account(A).roles).containsKey("ram-for-dts");
        assertThat(ram.account(B).roles).isEmpty();
    }

    @Test
    void aRoleAlreadyGoneIsDeleted() {
        EngineResult result = engine.delete(DTS_OWNER, List.of(dtsRole(A)), manage);

        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.DELETED);
        assertThat(result.converged()).isTrue();
        assertThat(ram.writes()).isZero();
    }

    @Test
    void retainLeavesRamAloneWithoutASingleCall() {
        engine.reconcile(List.of(dtsRole(A)), manage);
        ram.resetCalls();

        EngineResult result = engine.delete(DTS_OWNER, List.of(dtsRole(A)), manage.withRemoval(RemovalPolicy.RETAIN));

        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.RETAINED);
        assertThat(result.converged()).isTrue();
        assertThat(ram.calls()).isEmpty();
        assertThat(ram.account(A).roles).containsKey("ram-for-dts");
    }

    @Test
    void observeModeNeverDeletes() {
        engine.reconcile(List.of(dtsRole(A)), manage);
        ram.resetCalls();

        EngineResult result = engine.delete(DTS_OWNER, List.of(dtsRole(A)), manage.withMode(ManagementMode.OBSERVE));

        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.RETAINED);
        assertThat(ram.writes()).isZero();
    }

    @Test
    void pausedDeletionPlansButWaits() {
        engine.reconcile(List.of(dtsRole(A)), manage);

        EngineResult result = engine.delete(DTS_OWNER, List.of(dtsRole(A)), manage.withPaused(true));

        assertThat(result.plan().lines()).containsExactly(
                "DetachPolicy System/AliyunDTSRolePolicy from ram-for-dts in " + A, "DeleteRole ram-for-dts in " + A);
        assertThat(result.roles()).extracting(RoleResult::state).containsExactly(RoleState.PENDING);
        assertThat(ram.account(A).roles).containsKey("ram-for-dts");
    }

    @Test
    void anInterruptedDeletionFinishesOnTheNextPass() {
        engine.reconcile(List.of(dmsRole(A)), manage);
        ram.failNext("DeleteRole", RamErrorKind.TRANSIENT, "InternalError", false);

        EngineResult failed = engine.delete(DMS_OWNER, List.of(dmsRole(A)), manage);
        assertThat(failed.roles()).extracting(RoleResult::state).containsExactly(RoleState.FAILED);
        assertThat(failed.converged()).isFalse();

        EngineResult next = engine.delete(DMS_OWNER, List.of(dmsRole(A)), manage);
        assertThat(next.appliedLines()).containsExactly("DeleteRole ram-for-dms in " + A,
                "DeletePolicy dms-redis-policy in " + A);
        assertThat(next.converged()).isTrue();
    }
}
