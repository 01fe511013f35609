package io.ramgrants.runtime;

import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.EndpointAllowList;
import io.ramgrants.accounts.TokenDirectories;
import io.ramgrants.api.FieldPatterns;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import io.ramgrants.observability.OperatorMetrics;
import java.nio.file.Path;
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
 * @param allowEndpointHosts host patterns added to the endpoint allow-list ({@code --allow-endpoint-host})
 * @param allowTokenDirs     directories OIDC token files may be read from besides the RRSA one
 * @param secretNamespaces   namespaces whose Secrets accounts may name; empty = the operator's own,
 *                           {@value #ANY_NAMESPACE} = any
 */
public record RunOptions(boolean leaderElection, String leaseName, String leaseNamespace,
                         List<String> watchNamespaces, String labelSelector, Duration resyncPeriod,
                         Double ramRate, int metricsPort, LogFormat logFormat, ObservationMode observation,
                         Duration fullSweepPeriod, int reconcileThreads, List<String> allowEndpointHosts,
                         List<String> allowTokenDirs, List<String> secretNamespaces,
                         DriftEventSettings.Source driftEvents, Duration driftEventInterval) {
    public static final String DEFAULT_LEASE_NAME = "ram-grant-operator";
    /** {@code --secret-namespace '*'}: Secrets in any namespace (needs a cluster-wide Secret grant). */
    public static final String ANY_NAMESPACE = "*";

    public RunOptions {
        watchNamespaces = watchNamespaces == null ? List.of() : List.copyOf(watchNamespaces);
        allowEndpointHosts = allowEndpointHosts == null ? List.of() : List.copyOf(allowEndpointHosts);
        allowTokenDirs = allowTokenDirs == null ? List.of() : List.copyOf(allowTokenDirs);
        secretNamespaces = secretNamespaces == null ? List.of() : List.copyOf(secretNamespaces);
        EndpointAllowList.withExtraHosts(allowEndpointHosts);
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
                        ? Optional.of(new OperatorSettings.LeaderElection(leaseName, firstSet(LEASE_NAMESPACE_HINT,
                        leaseNamespace, podNamespace, clientNamespace)))
                        : Optional.empty())
                .withAccountGuards(new AccountGuards(EndpointAllowList.withExtraHosts(allowEndpointHosts),
                        TokenDirectories.fromEnvironment(defaults.environment(),
                                given(allowTokenDirs).stream().map(Path::of).toList()),
                        secretNamespaces(podNamespace, clientNamespace)));
    }

    /**
     * {@code --secret-namespace} values; none = the operator's own namespace, as the chart's default
     * Role grants; {@code *} = any namespace (empty set).
     */
    private Set<String> secretNamespaces(String podNamespace, String clientNamespace) {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.addAll(given(secretNamespaces));
        if (namespaces.contains(ANY_NAMESPACE)) {
            return Set.of();
        }
        if (namespaces.isEmpty()) {
            namespaces.add(firstSet("the namespaces of AccessKey Secrets: pass --secret-namespace (or '*'), set"
                    + " POD_NAMESPACE, or use a kubeconfig context with a namespace", podNamespace, clientNamespace));
        }
        namespaces.forEach(n -> {
            if (!n.matches(FieldPatterns.NAMESPACE)) {
                throw new IllegalArgumentException("--secret-namespace must be a namespace name or '*': " + n);
            }
        });
        return namespaces;
    }

    private Set<String> namespaces() {
        return new LinkedHashSet<>(given(watchNamespaces));
    }

    /** The values of a repeatable list flag, stripped, blank ones dropped (e.g. {@code a,,b} or {@code --flag=}). */
    private static List<String> given(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static final String LEASE_NAMESPACE_HINT = "leader election needs a Lease namespace: pass"
            + " --leader-election-namespace, set POD_NAMESPACE, or use --no-leader-election";

    private static String firstSet(String missing, String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(missing);
    }
}
