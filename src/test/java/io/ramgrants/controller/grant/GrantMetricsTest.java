package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.Plan;
import io.ramgrants.engine.PlannedAction;
import io.ramgrants.engine.RolePlan;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.RoleState;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.PolicyType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Drift corrections counted per write applied to a role that existed, however the pass ended. */
class GrantMetricsTest {
    static final String A = "1111111111111111";
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final GrantMetrics metrics = new GrantMetrics("DmsAccessRole", new OperatorMetrics(registry));
    final PlannedAction detach = new PlannedAction.DetachPolicy(A, "r", PolicyType.System, "AdministratorAccess");
    final PlannedAction attach = new PlannedAction.AttachPolicy(A, "r", PolicyType.System, "AliyunDMSLoginConsoleAccess");

    double corrections() {
        return registry.find("ramgrants.drift.corrections").counters().stream().mapToDouble(Counter::count).sum();
    }

    void record(RoleState state, List<PlannedAction> planned, List<PlannedAction> applied, boolean stale) {
        EngineResult result = new EngineResult(List.of(new RoleResult(A, "r", "acs:ram::" + A + ":role/r", state)),
                new Plan(List.of(new RolePlan(A, "r", planned))), applied, Optional.empty(), List.of(), List.of(),
                stale);
        metrics.record(Grants.dmsAccess("g", "r", "acct", "2222222222222222"),
                new PassOutcome(Verdict.ready(GrantReasons.UP_TO_DATE, "m"), Optional.of(result), List.of()),
                Duration.ofMillis(5));
    }

    @Test
    void everyWriteOfACorrectedRoleCounts() {
        record(RoleState.UPDATED, List.of(detach, attach), List.of(detach, attach), false);

        assertThat(corrections()).isEqualTo(2);
    }

    @Test
    void theWritesAPassAppliedBeforeItStoppedCountToo() {
        record(RoleState.PENDING, List.of(detach, attach), List.of(detach), true);
        record(RoleState.FAILED, List.of(detach, attach), List.of(detach), false);

        assertThat(corrections()).as("one applied write in each pass").isEqualTo(2);
    }

    @Test
    void creatingOrDeletingARoleIsNoDriftCorrection() {
        PlannedAction create = new PlannedAction.CreateRole(A, "r", "{}", "marker");
        PlannedAction delete = new PlannedAction.DeleteRole(A, "r");
        record(RoleState.PENDING, List.of(create, attach), List.of(create), false);
        record(RoleState.FAILED, List.of(detach, delete), List.of(detach), false);
        record(RoleState.CREATED, List.of(create, attach), List.of(create, attach), false);

        assertThat(corrections()).isZero();
    }
}
