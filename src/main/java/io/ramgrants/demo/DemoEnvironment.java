package io.ramgrants.demo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.ObservabilityServer;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything the demo runs in this process: the RAM/STS emulator standing in for Alibaba
 * Cloud, an in-memory Kubernetes API, and the operator assembled as {@code run} assembles it
 * (short resync, no leader election, status written by the reconcilers instead of server-side
 * apply, for the mock API server).
 * Closing it stops all three, in reverse order.
 */
final class DemoEnvironment implements AutoCloseable {
    private static final String JOSDK_RECONCILER_THREAD = "ReconcilerExecutor-";
    private static final Duration PASS_DRAIN = Duration.ofSeconds(2);
    final RamEmulator emulator;
    final InMemoryKubernetes kubernetes;
    final PrometheusMeterRegistry metrics;
    final OperatorAssembly operator;
    private ObservabilityServer observability;
    private final List<AutoCloseable> started;

    private DemoEnvironment(RamEmulator emulator, InMemoryKubernetes kubernetes, PrometheusMeterRegistry metrics,
                            OperatorAssembly operator, List<AutoCloseable> started) {
        this.emulator = emulator;
        this.kubernetes = kubernetes;
        this.metrics = metrics;
        this.operator = operator;
        this.started = started;
    }

    static DemoEnvironment start(DemoCast cast, Duration resync, boolean verbose, Narrator narrator) {
        List<AutoCloseable> started = new ArrayList<>();
        // The API server spends its start-up loading classes; the emulator can start meanwhile.
        CompletableFuture<InMemoryKubernetes> kubernetesStart =
                CompletableFuture.supplyAsync(() -> InMemoryKubernetes.start(verbose));
        try {
            EmulatorConfig.Builder config = EmulatorConfig.builder().ramQuotas(true);
            // Root keys for the console user; a RAM user's keys for the operator (README: why not root keys).
            cast.accounts().forEach(a -> config.account(a.accountId(), a.accessKeyId(), a.accessKeySecret())
                    .user(a.accountId(), DemoAccount.OPERATOR_USER, a.operatorKeyId(), a.operatorKeySecret(),
                            "AliyunRAMFullAccess"));
            RamEmulator emulator = RamEmulator.start(config.build(), 0);
            started.add(emulator);
            narrator.step("RAM/STS emulator listening on " + emulator.endpoint() + " with "
                    + cast.accounts().size() + " accounts (RAM's per-API quotas on)");

            InMemoryKubernetes kubernetes = join(kubernetesStart);
            started.add(kubernetes);
            narrator.step("in-memory Kubernetes API on " + kubernetes.url() + " with the "
                    + InMemoryKubernetes.CRD_RESOURCES.size() + " ramgrants.io CRDs");

            PrometheusMeterRegistry metrics = ObservabilityServer.newPrometheusRegistry();
            OperatorSettings settings = OperatorSettings.defaults(new OperatorMetrics(metrics))
                    .withServerSideApply(false)
                    .withLeaderElection(Optional.empty())
                    .withResync(resync, Duration.ofMillis(500));
            OperatorAssembly operator = new OperatorAssembly(kubernetes.client(), settings);
            started.add(DemoEnvironment::awaitInterruptedPasses);
            started.add(operator);
            operator.start();
            narrator.step("operator started: " + operator.operator().getRegisteredControllersNumber()
                    + " controllers, resync every " + resync.toMillis() / 1000.0
                    + " s (jittered), leader election off");
            return new DemoEnvironment(emulator, kubernetes, metrics, operator, started);
        } catch (RuntimeException e) {
            kubernetesStart.thenAccept(kubernetes -> {
                if (!started.contains(kubernetes)) {
                    kubernetes.close();
                }
            });
            closeAll(started);
            throw e;
        }
    }

    /**
     * JOSDK stops its reconciler threads without waiting for them (its termination timeout
     * defaults to zero): give the interrupted passes a moment to end before the Kubernetes
     * client they write with is closed.
     */
    private static void awaitInterruptedPasses() throws InterruptedException {
        long deadline = System.nanoTime() + PASS_DRAIN.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(JOSDK_RECONCILER_THREAD)) {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Serves /metrics, /healthz and /readyz on a free port; returns the port. */
    int serveMetrics() {
        observability = new ObservabilityServer(0, metrics, () -> true, operator::ready).start();
        started.add(observability);
        return observability.port();
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // Shutting down: a part that fails to stop must not keep the others running.
            }
        }
    }
}
