package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.B;
import static io.ramgrants.engine.Fixtures.DMS_OWNER;
import static io.ramgrants.engine.Fixtures.OTHER_OWNER;
import static io.ramgrants.engine.Fixtures.dmsRole;
import static io.ramgrants.engine.Fixtures.dtsRole;
import static io.ramgrants.engine.Fixtures.dtsTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.emulator.FaultSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Modes, ownership, deletion and RAM faults, end to end over the production gateway stack. */
class EmulatorEngineTest {
    final EngineOptions manage = EngineOptions.defaults();
    EmulatorHarness harness;
    GrantEngine engine;

    @BeforeEach
    void start() {
        harness = new EmulatorHarness();
        engine = new GrantEngine(harness);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void observeModeReportsThePlanAndWritesNothing() {
        EngineResult result = engine.reconcile(List.of(dtsRole(A), dmsRole(B)), manage.withMode(ManagementMode.OBSERVE));

        assertThat(result.plan().lines()).containsExactly(
                "CreateRole ram-for-dts in " + A,
                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A,
                "CreatePolicy dms-redis-policy in " + B,
                "CreateRole ram-for-dms in " + B,
                "AttachPolicy Custom/dms-redis-policy to ram-for-dms in " + B);
        assertThat(result.roles()).extracting(RoleResult::state).containsOnly(RoleState.DRIFTED);
        assertThat(harness.writes(A) + harness.writes(B)).isZero();
    }

    @Test
    void aHandMadeRoleIsAConflictUntilAdoptedThenConverged() {
        harness.console(A).createRole("ram-for-dts", dtsTrust("9999999999999999").toJson(), "made in the console");
        harness.console(A).attach("System", "AdministratorAccess", "ram-for-dts");
        harness.emulator.resetCounters();

        EngineResult blocked = engine.reconcile(List.of(dtsRole(A)), manage);
        assertThat(blocked.roles()).extracting(RoleResult::state).containsExactly(RoleState.CONFLICT);
        assertThat(harness.writes(A)).isZero();

        EngineResult adopted = engine.reconcile(List.of(dtsRole(A)), manage.withAdoption(Adoption.IF_UNOWNED));
        assertThat(adopted.appliedLines()).containsExactly(
                "UpdateRole ram-for-dts in " + A + " (trust policy, description)",
                "DetachPolicy System/AdministratorAccess from ram-for-dts in " + A,
                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
        assertThat(engine.reconcile(List.of(dtsRole(A)), manage).converged()).isTrue();
    }

    @Test
    void aRoleOfAnotherResourceIsNeverWritten() {
        harness.console(A).createRole("ram-for-dts", dtsTrust("9999999999999999").toJson(), OTHER_OWNER.marker());
        harness.emulator.resetCounters();

        EngineResult result = engine.reconcile(List.of(dtsRole(A)), manage.withAdoption(Adoption.IF_UNOWNED));

        assertThat(result.conflicts()).map(Conflict::message)
                .containsExactly("role ram-for-dts in " + A + " is managed by " + OTHER_OWNER
                        + " (namespace/kind/name in its ownership marker)");
        assertThat(harness.writes(A)).isZero();
    }

    @Test
    void deleteRemovesOnlyWhatIsOursAndRetainKeepsEverything() {
        List<DesiredRole> grant = List.of(dmsRole(A));
        engine.reconcile(grant, manage);
        harness.console(A).createRole("ram-for-dts", dtsTrust(B).toJson(), OTHER_OWNER.marker());

        EngineResult retained = engine.delete(DMS_OWNER, grant, manage.withRemoval(RemovalPolicy.RETAIN));
        assertThat(retained.roles()).extracting(RoleResult::state).containsExactly(RoleState.RETAINED);
        assertThat(harness.console(A).attached("ram-for-dms")).containsExactly("Custom/dms-redis-policy");

        EngineResult deleted = engine.delete(DMS_OWNER, grant, manage);
        assertThat(deleted.appliedLines()).containsExactly(
                "DetachPolicy Custom/dms-redis-policy from ram-for-dms in " + A,
                "DeleteRole ram-for-dms in " + A,
                "DeletePolicy dms-redis-policy in " + A);
        assertThat(deleted.converged()).isTrue();
        assertThatThrownBy(() -> harness.console(A).role("ram-for-dms")).hasMessageContaining("404");
        assertThat(harness.console(A).role("ram-for-dts").description).isEqualTo(OTHER_OWNER.marker());
    }

    @Test
    void throttlingAndServerErrorsAreRetriedUntilTheGrantConverges() {
        harness.emulator.setFaults(new FaultSettings(0.25, 0.15, 0));

        EngineResult result = engine.reconcile(List.of(dtsRole(A), dmsRole(A), dtsRole(B)), manage);

        assertThat(result.failure()).isEmpty();
        assertThat(result.converged()).isTrue();
        assertThat(harness.emulator.faultCounts().get(A).values().stream().mapToLong(Long::longValue).sum())
                .as("faults were really injected").isPositive();
        harness.emulator.setFaults(FaultSettings.NONE);
        EngineResult steady = engine.reconcile(List.of(dtsRole(A), dmsRole(A), dtsRole(B)), manage);
        assertThat(steady.driftFound()).isFalse();
        assertThat(harness.console(A).attached("ram-for-dms")).containsExactly("Custom/dms-redis-policy");
    }
}
