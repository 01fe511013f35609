package io.ramgrants.bench;

import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.GrantEngine;
import java.time.Duration;
import java.util.List;

/**
 * An unmeasured phase before the measured convergence that brings the JVM to the state of an
 * operator that has been running for a while: the SDK, HTTP, signing, engine and emulator paths
 * loaded and JIT-compiled. A running operator is warm; a freshly started JVM spends the first
 * few thousand RAM calls interpreting and compiling them (C2 compiles a method after thousands
 * of invocations), which on a small machine takes CPU from the calls being measured.
 *
 * <p>The warm-up grants live in accounts of their own, so the measured accounts' state, budgets
 * and counters start as in a cold run: they are converged, resynced a few times (reads, as a
 * running operator does every resync), then deleted again, leaving those accounts empty. Its
 * calls are never counted in the measured phases; its size and time are reported.
 */
final class WarmUp {
    /** Resyncs of the warm-up grants: cheap reads (100/s quotas) that repeat the per-call paths. */
    static final int RESYNCS = 5;
    private static final int MAX_PASSES = 5;

    private final BenchWorkload workload;
    private final List<ReconcileUnit> units;

    /** {@code grants} grants over {@code accounts} accounts numbered after the measured ones. */
    WarmUp(int grants, int measuredAccounts, int accounts, double customRatio) {
        this.workload = new BenchWorkload(grants, measuredAccounts + 1, accounts, customRatio);
        this.units = ReconcileUnit.of(workload.grants());
    }

    List<BenchAccount> accounts() {
        return workload.accounts();
    }

    int grants() {
        return workload.grants().size();
    }

    /** Converge, resync and delete the warm-up grants; returns the wall time it took. */
    Duration run(GrantEngine engine, ParallelPasses passes, EngineOptions options) {
        return ParallelPasses.timed(() -> {
            List<ReconcileUnit> unconverged = passes.converge(engine, units, options, MAX_PASSES);
            for (int i = 0; i < RESYNCS; i++) {
                passes.run(engine, units, options);
            }
            List<ReconcileUnit> undeleted = passes.delete(engine, units, options);
            if (!unconverged.isEmpty() || !undeleted.isEmpty()) {
                // Not a measured figure, but a warm-up that fails points at a broken engine or emulator.
                throw new IllegalStateException("warm-up failed: " + unconverged.size() + " unit(s) unconverged, "
                        + undeleted.size() + " not deleted");
            }
        });
    }
}
