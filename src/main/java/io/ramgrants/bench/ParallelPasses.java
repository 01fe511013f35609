package io.ramgrants.bench;

import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GrantEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs reconcile passes the way the operator spreads work: each account has its own few
 * workers, so accounts proceed in parallel while one account's calls queue on its shared RAM
 * budget (a slow account never starves the others' workers).
 */
final class ParallelPasses implements AutoCloseable {
    private final int workersPerAccount;
    private final Map<String, ExecutorService> workers = new TreeMap<>();

    ParallelPasses(int workersPerAccount) {
        if (workersPerAccount < 1) {
            throw new IllegalArgumentException("need at least one worker per account");
        }
        this.workersPerAccount = workersPerAccount;
    }

    /** One pass over {@code units}; returns the units that did not converge. */
    List<ReconcileUnit> run(GrantEngine engine, List<ReconcileUnit> units, EngineOptions options) {
        return onWorkers(units, unit -> engine.reconcile(unit.roles(), options));
    }

    /** Deletes every unit's roles (the grants were removed); returns the units not fully deleted. */
    List<ReconcileUnit> delete(GrantEngine engine, List<ReconcileUnit> units, EngineOptions options) {
        return onWorkers(units, unit -> engine.delete(unit.grant().desired().owner(), unit.roles(), options));
    }

    private List<ReconcileUnit> onWorkers(List<ReconcileUnit> units, Function<ReconcileUnit, EngineResult> pass) {
        List<Future<EngineResult>> results = new ArrayList<>(units.size());
        for (ReconcileUnit unit : units) {
            results.add(workersOf(unit.accountId()).submit(() -> pass.apply(unit)));
        }
        List<ReconcileUnit> unconverged = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (!converged(results.get(i))) {
                unconverged.add(units.get(i));
            }
        }
        return unconverged;
    }

    /** Passes until every unit converges or {@code maxPasses} ran; returns what is still unconverged. */
    List<ReconcileUnit> converge(GrantEngine engine, List<ReconcileUnit> units, EngineOptions options, int maxPasses) {
        List<ReconcileUnit> pending = units;
        for (int pass = 0; pass < maxPasses && !pending.isEmpty(); pass++) {
            pending = run(engine, pending, options);
        }
        return pending;
    }

    /** Wall time of {@code work}. */
    static Duration timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private synchronized ExecutorService workersOf(String accountId) {
        return workers.computeIfAbsent(accountId, id -> Executors.newFixedThreadPool(workersPerAccount, r -> {
            Thread t = new Thread(r, "bench-" + id);
            t.setDaemon(true);
            return t;
        }));
    }

    private static boolean converged(Future<EngineResult> result) {
        try {
            return result.get().converged();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a reconcile", e);
        }
    }

    @Override
    public synchronized void close() {
        workers.values().forEach(ExecutorService::shutdownNow);
    }
}
