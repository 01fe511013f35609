package io.ramgrants.runtime;

import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code run} command's flags once parsed, and the settings they mean. Kept apart from
 * picocli so the mapping is testable without a cluster.
 *
 * @param leaseNamespace where the Lease lives; null = {@code POD_NAMESPACE}, else the client's namespace
 * @param ramRate        one uniform budget of calls per second per account; null = RAM's documented
 *                       per-API quotas per account (the default: attach/detach at 10/s no longer
 *                       slows reads that RAM allows at 100/s)
 */
public record RunOptions(boolean leaderElection, String leaseName, String leaseNamespace,
                         List<String> watchNamespaces, String labelSelector, Duration resyncPeriod,
                         Double ramRate, int metricsPort, LogFormat logFormat, ObservationMode observation,
                         Duration fullSweepPeriod, int reconcileThreads, DriftEventSettings.Source driftEvents,
                         Duration driftEventInterval) {
    public static final String DEFAULT_LEASE_NAME = "ram-grant-operator";

    public RunOptions {
        watchNamespaces = watchNamespaces == null ? List.of() : List.copyOf(watchNamespaces);
        if (ramRate != null && !(ramRate > 0)) {
            throw new IllegalArgumentException("--ram-rate must be positive: " + ramRate);
        }
        if (resyncPeriod.isNegative() || resyncPeriod.isZero()) {
            throw new IllegalArgumentException("--resync-period must be positive: " + resyncPeriod);
        }
        if (fullSweepPeriod.isNegative() || fullSweepPeriod.isZero()) {
            throw new IllegalArgumentException("--full-sweep-period must be positive: " + fullSweepPeriod);
        }
        if (driftEventInterval.isNegative() || driftEventInterval.isZero()) {
            throw new IllegalArgumentException("--drift-event-interval must be positive: " + driftEventInterval);
        }
        if (reconcileThreads < 1) {
            throw new IllegalArgumentException("--reconcile-threads must be at least 1: " + reconcileThreads);
        }
    }

    /**
     * @param podNamespace    {@code POD_NAMESPACE} (set by the chart), or null
     * @param clientNamespace the namespace of the kubeconfig context or service account, or null
     */
    public OperatorSettings settings(OperatorMetrics metrics, String podNamespace, String clientNamespace) {
        OperatorSettings defaults = OperatorSettings.defaults(metrics);
        return defaults
                .withWatchNamespaces(namespaces())
                .withLabelSelector(labelSelector)
                .withResync(resyncPeriod, defaults.firstRetry())
                .withRam(ramRate == null ? defaults.ram() : defaults.ram().withQps(ramRate))
                .withObservation(defaults.observation().withMode(observation).withFullSweepPeriod(fullSweepPeriod)
                        .withDriftEvents(DriftEventSettings.defaults().withSource(driftEvents)
                                .withPollInterval(driftEventInterval)))
                .withConcurrency(OperatorSettings.Concurrency.of(reconcileThreads))
                .withLeaderElection(leaderElection
                        ? Optional.of(new OperatorSettings.LeaderElection(leaseName, firstSet(leaseNamespace,
                        podNamespace, clientNamespace)))
                        : Optional.empty());
    }

    private Set<String> namespaces() {
        Set<String> namespaces = new LinkedHashSet<>();
        watchNamespaces.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(namespaces::add);
        return namespaces;
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("leader election needs a Lease namespace: pass"
                + " --leader-election-namespace, set POD_NAMESPACE, or use --no-leader-election");
    }
}
