package io.ramgrants.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.emulator.MutableClock;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.batch.BatchObservation;
import io.ramgrants.engine.batch.BatchSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RAM calls per role and steady-state resync (docs/scale.md), counted by the emulator, so a change
 * that costs more calls per role fails here. Calls, not timings: no limits are on.
 */
class SteadyStateCallsTest {
    final EngineOptions manage = EngineOptions.defaults();

    @Test
    void thePerRolePathCostsTwoCallsPerSystemOnlyRoleAndThreeWithACustomPolicy() {
        BenchWorkload workload = new BenchWorkload(20, 2, 0.25);
        List<ReconcileUnit> units = ReconcileUnit.of(workload.grants());
        List<ReconcileUnit> systemOnly = units.stream()
                .filter(u -> u.roles().stream().allMatch(r -> r.customPolicies().isEmpty())).toList();
        List<ReconcileUnit> withCustom = units.stream().filter(u -> !systemOnly.contains(u)).toList();
        assertThat(systemOnly).isNotEmpty();
        assertThat(withCustom).isNotEmpty();
        try (BenchEnvironment env = BenchEnvironment.unlimited(workload.accounts(), 1000);
             ParallelPasses passes = new ParallelPasses(2)) {
            GrantEngine engine = new GrantEngine(env);
            assertThat(passes.converge(engine, units, manage, 2)).isEmpty();

            assertThat(callsPerRole(env, passes, engine, systemOnly)).isLessThanOrEqualTo(2.0);
            assertThat(callsPerRole(env, passes, engine, withCustom)).isLessThanOrEqualTo(3.0);
        }
    }

    @Test
    void theBatchPathCostsFarLessThanOneCallPerRoleInABusyAccount() {
        BenchWorkload workload = new BenchWorkload(300, 1, 0.25);
        List<ReconcileUnit> units = ReconcileUnit.of(workload.grants());
        assertThat(workload.roleCount()).isGreaterThanOrEqualTo(300);
        MutableClock clock = MutableClock.systemNow();
        BatchObservation batch = new BatchObservation(BatchSettings.defaults(), clock);
        try (BenchEnvironment env = BenchEnvironment.unlimited(workload.accounts(), 1000);
             ParallelPasses passes = new ParallelPasses(4)) {
            GrantEngine engine = new GrantEngine(batch.tracking(env), batch);
            assertThat(passes.converge(engine, units, manage, 2)).isEmpty();
            clock.advance(Duration.ofMinutes(10));
            assertThat(passes.run(engine, units, manage)).isEmpty();

            // A resync 10 minutes later: listings, plus the roles whose 6-hour sweep fell due.
            clock.advance(Duration.ofMinutes(10));
            assertThat(callsPerRole(env, passes, engine, units)).isLessThan(0.2);
        }
    }

    private double callsPerRole(BenchEnvironment env, ParallelPasses passes, GrantEngine engine,
                                List<ReconcileUnit> units) {
        env.emulator().resetCounters();
        assertThat(passes.run(engine, units, manage)).isEmpty();
        CallLedger calls = CallLedger.served(env.emulator());
        assertThat(calls.byAction()).doesNotContainKeys("CreateRole", "UpdateRole", "AttachPolicyToRole");
        return calls.total() / (double) ReconcileUnit.roleCount(units);
    }
}
