package io.ramgrants.bench;

import io.ramgrants.emulator.MutableClock;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.batch.BatchObservation;
import io.ramgrants.engine.batch.BatchSettings;
import io.ramgrants.ram.RamGateway;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One benchmark run: the real engine against the in-process emulator with RAM's limits on.
 * Phases: converge every grant from nothing; one steady-state resync per role kind on the
 * per-role path; one full timed resync; resyncs on the batch path; memory at the end. Every
 * call figure comes from the emulator's counters, every time from the wall clock.
 */
public final class Benchmark {
    private static final int MAX_CONVERGE_PASSES = 5;
    private static final int MEASURED_BATCH_RESYNCS = 3;
    private final BenchOptions options;
    private final EngineOptions manage = EngineOptions.defaults();

    /** With --with-kube and --kubeconfig: the API server to run on instead of the mock (CRDs applied). */
    private final java.nio.file.Path kubeconfig;

    public Benchmark(BenchOptions options) {
        this(options, null);
    }

    public Benchmark(BenchOptions options, java.nio.file.Path kubeconfig) {
        this.options = options;
        this.kubeconfig = kubeconfig;
    }

    public BenchReport run() {
        double loadBefore = MemoryProbe.loadAverage();
        BenchWorkload workload = new BenchWorkload(options.grants(), options.accounts(), options.customRatio());
        List<ReconcileUnit> units = ReconcileUnit.of(workload.grants());
        int maxRoles = Math.max(1000, 2 * workload.roleCount() / options.accounts() + 10);
        Map<String, Map<String, Long>> calls = new LinkedHashMap<>();
        PhaseResults results = new PhaseResults();
        double heapWithEmulator;
        List<BenchAccount> emulated = new java.util.ArrayList<>(workload.accounts());
        emulated.add(BenchWorkload.HUB);
        WarmUp warmUp = options.warmupGrants() > 0 ? new WarmUp(options.warmupGrants(), options.accounts(),
                Math.min(options.accounts(), options.warmupGrants()), options.customRatio()) : null;
        List<BenchAccount> withWarmUp = new java.util.ArrayList<>(emulated);
        if (warmUp != null) {
            withWarmUp.addAll(warmUp.accounts());
        }
        KubeConvergence kube = null;
        try (BenchEnvironment env = new BenchEnvironment(withWarmUp, options.rate(), maxRoles);
             ParallelPasses passes = new ParallelPasses(options.workersPerAccount())) {
            RamEmulator emulator = env.emulator();
            GrantEngine engine = new GrantEngine(env);
            if (options.withKube()) {
                kube = new KubeConvergence(env.clientSettings(), options.concurrency(), slowAccountWrapper(workload),
                        kubeconfig);
                kube.createAccounts(emulated, emulator.endpoint(), Duration.ofMinutes(2));
            }
            if (warmUp != null) {
                results.warmupSeconds = seconds(warmUp.run(engine, passes, manage));
                results.warmupGrants = warmUp.grants();
                warmUp = null; // its grants are not the operator's: unreachable before the heap is measured
            }

            emulator.resetCounters();
            double cpuBefore = MemoryProbe.processCpuSeconds();
            long startNanos = System.nanoTime();
            KubeConvergence operator = kube;
            long requestsBefore = kube != null ? kube.apiRequests() : 0;
            Duration converge = ParallelPasses.timed(() -> results.unconverged = operator != null
                    ? convergeThroughControllers(operator, workload)
                    : passes.converge(engine, units, manage, MAX_CONVERGE_PASSES).size());
            if (kube != null) {
                long requests = kube.apiRequests() - requestsBefore;
                System.err.printf("bench: %d Kubernetes API requests while converging (%.2f per grant; the bench's"
                        + " own creates and 500 ms list polls included)%n", requests, (double) requests / options.grants());
            }
            CallLedger converged = CallLedger.served(emulator);
            calls.put("converge", converged.byAction());
            calls.put("throttledWhileConverging", CallLedger.throttled(emulator).byAction());
            results.convergenceSeconds = seconds(converge);
            if (kube != null && !options.slowAccountLatency().isZero()) {
                results.slowAccount = slowAccount(workload, kube.readyAtNanos(), startNanos);
            }
            results.convergenceCpuSeconds = MemoryProbe.processCpuSeconds() - cpuBefore;
            results.lowerBoundSeconds = converged.lowerBoundSeconds(options.rate(), RamEmulator.ramQuotas());

            List<ReconcileUnit> systemOnly = units.stream().filter(u -> u.roles().stream()
                    .allMatch(r -> r.customPolicies().isEmpty())).toList();
            List<ReconcileUnit> withCustom = units.stream().filter(u -> !systemOnly.contains(u)).toList();
            results.systemOnly = steadyState(emulator, passes, engine, systemOnly, "resyncSystemOnly", calls);
            results.withCustom = steadyState(emulator, passes, engine, withCustom, "resyncWithCustomPolicy", calls);
            results.resyncSeconds = seconds(ParallelPasses.timed(() -> passes.run(engine, units, manage)));
            results.systemOnlyRoles = ReconcileUnit.roleCount(systemOnly);
            results.withCustomRoles = ReconcileUnit.roleCount(withCustom);
            batchResyncs(env, passes, units, results, calls);
            heapWithEmulator = MemoryProbe.heapAfterGcMiB();
        }
        double heap = MemoryProbe.heapAfterGcMiB();
        Double rss = MemoryProbe.rssMiB().isPresent() ? MemoryProbe.rssMiB().getAsDouble() : null;
        if (kube != null) {
            kube.close(); // after measuring: the operator's informer caches belong in the heap figure
        }
        // The workload must still be reachable when the heap is measured: the operator holds its grants too.
        java.lang.ref.Reference.reachabilityFence(workload);
        java.lang.ref.Reference.reachabilityFence(results.batchObservation);
        return new BenchReport(options.grants(), options.accounts(), workload.roleCount(), limits(),
                results.convergenceSeconds, results.convergenceCpuSeconds, results.lowerBoundSeconds,
                new BenchReport.SteadyState(results.systemOnly, results.systemOnlyRoles, results.withCustom,
                        results.withCustomRoles, results.batch, workload.roleCount() / (double) options.accounts()),
                results.resyncSeconds, results.batchResyncSeconds, heap, heapWithEmulator, rss, calls, results.unconverged, loadBefore,
                MemoryProbe.loadAverage(), results.slowAccount, results.warmupGrants, results.warmupSeconds);
    }

    /** The first account is the slow one, when the options ask for one. */
    private UnaryOperator<RamGateway> slowAccountWrapper(BenchWorkload workload) {
        return options.slowAccountLatency().isZero() ? UnaryOperator.identity()
                : SlowGateways.slowing(workload.accounts().get(0).accountId(), options.slowAccountLatency());
    }

    /** When the last grant touching the slow account, and the last of all the others, became Ready. */
    private BenchReport.SlowAccount slowAccount(BenchWorkload workload, Map<String, Long> readyAt, long startNanos) {
        String slow = workload.accounts().get(0).accountId();
        long slowDone = startNanos;
        long othersDone = startNanos;
        int slowGrants = 0;
        for (BenchGrant grant : workload.grants()) {
            long done = readyAt.getOrDefault(KubeConvergence.key(grant.resource()), Long.MAX_VALUE);
            if (grant.rolesByAccount().containsKey(slow)) {
                slowGrants++;
                slowDone = Math.max(slowDone, done);
            } else {
                othersDone = Math.max(othersDone, done);
            }
        }
        return new BenchReport.SlowAccount(slow, options.slowAccountLatency().toMillis(), slowGrants,
                workload.grants().size() - slowGrants, (slowDone - startNanos) / 1e9, (othersDone - startNanos) / 1e9,
                options.concurrency().reconcileThreads(), options.concurrency().perAccount());
    }

    /** Unconverged grants after the controllers had a generous time to converge them all. */
    private static int convergeThroughControllers(KubeConvergence kube, BenchWorkload workload) {
        Duration timeout = Duration.ofSeconds(60 + workload.roleCount());
        return kube.converge(workload.grants(), timeout) ? 0 : workload.grants().size() - kube.readyGrants();
    }

    /** Calls per role of one resync over {@code units}, which must all be converged already. */
    private double steadyState(RamEmulator emulator, ParallelPasses passes, GrantEngine engine,
                               List<ReconcileUnit> units, String phase, Map<String, Map<String, Long>> calls) {
        if (units.isEmpty()) {
            calls.put(phase, Map.of());
            return 0;
        }
        emulator.resetCounters();
        passes.run(engine, units, manage);
        CallLedger ledger = CallLedger.served(emulator);
        calls.put(phase, ledger.byAction());
        return ledger.total() / (double) ReconcileUnit.roleCount(units);
    }

    /**
     * The batch path in steady state: one priming pass fills the caches (per-role reads), then
     * each measured resync moves the observer's clock by the resync interval, so listings are
     * re-read and the share of roles whose sweep falls due is read per role, as in production.
     */
    private void batchResyncs(BenchEnvironment env, ParallelPasses passes, List<ReconcileUnit> units,
                              PhaseResults results, Map<String, Map<String, Long>> calls) {
        MutableClock clock = MutableClock.systemNow();
        BatchObservation batch = new BatchObservation(BatchSettings.defaults()
                .withSweepInterval(options.sweepInterval()).withMaxSnapshotAge(options.resyncInterval()), clock);
        GrantEngine engine = new GrantEngine(batch.tracking(env), batch);
        results.unconverged += passes.run(engine, units, manage).size();
        long totalCalls = 0;
        Map<String, Long> byAction = new java.util.TreeMap<>();
        double seconds = 0;
        for (int i = 0; i < MEASURED_BATCH_RESYNCS; i++) {
            clock.advance(options.resyncInterval());
            env.emulator().resetCounters();
            seconds += seconds(ParallelPasses.timed(() -> results.unconverged += passes.run(engine, units, manage).size()));
            CallLedger ledger = CallLedger.served(env.emulator());
            totalCalls += ledger.total();
            ledger.byAction().forEach((action, n) -> byAction.merge(action, n, Long::sum));
        }
        calls.put("resyncBatch", byAction);
        results.batch = totalCalls / (double) (MEASURED_BATCH_RESYNCS * ReconcileUnit.roleCount(units));
        results.batchResyncSeconds = seconds / MEASURED_BATCH_RESYNCS;
        results.batchObservation = batch;
    }

    private String limits() {
        String how = !options.withKube() ? ""
                : kubeconfig != null ? "converged by the controllers on the API server of " + kubeconfig.getFileName() + "; "
                : "converged by the controllers on the mock Kubernetes API; ";
        return how + (options.rate() > 0 ? "uniform " + options.rate() + " calls/s per account"
                : "RAM per-API quotas per account (10/s attach/detach, 20/s create/delete, 100/s reads and STS)");
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Figures gathered while the environment is open. */
    private static final class PhaseResults {
        int unconverged;
        int warmupGrants;
        double warmupSeconds;
        double convergenceSeconds;
        double convergenceCpuSeconds;
        double lowerBoundSeconds;
        double systemOnly;
        int systemOnlyRoles;
        double withCustom;
        int withCustomRoles;
        double resyncSeconds;
        Double batch;
        Double batchResyncSeconds;
        BatchObservation batchObservation;
        BenchReport.SlowAccount slowAccount;
    }
}
