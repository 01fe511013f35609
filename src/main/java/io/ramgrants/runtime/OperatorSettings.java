package io.ramgrants.runtime;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.controller.ReverificationSchedule;
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.RamClientSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one operator process runs. {@link #defaults()} is what a real cluster gets; tests and
 * the demo shorten the periods and turn server-side apply off (the reconcilers then write status
 * themselves on a fresh read of the object, see {@code StatusWrites}).
 *
 * @param watchNamespaces  namespaces whose grants are reconciled; empty = all
 * @param labelSelector    only grants matching it, to shard grants across Deployments; null = all
 * @param resyncPeriod     how often each grant re-reads RAM to catch out-of-band edits (jittered)
 * @param firstRetry       first backoff delay after a transient RAM failure (doubles per attempt)
 * @param ram              per-account call rate, retries and timeouts of the RAM gateways
 * @param serverSideApply  status writes by server-side apply (real API servers), or written by the
 *                         reconcilers on a fresh read of the object (fabric8's mock server answers
 *                         SSA with 415)
 * @param leaderElection   the Lease to hold; empty = no leader election (one replica)
 * @param accountSchedule  when AlibabaCloudAccounts are verified again
 * @param observation      per-role or batch observation of RAM, and the batch path's full-sweep period
 * @param concurrency      reconcile threads, and how many of them one account may hold
 * @param accountGuards    what an AlibabaCloudAccount may make the operator do: endpoint hosts, OIDC token
 *                         directories, Secret namespaces; null = {@link AccountGuards#defaults} of {@code environment}
 */
public record OperatorSettings(Set<String> watchNamespaces, String labelSelector, Duration resyncPeriod,
                               Duration firstRetry, RamClientSettings ram, boolean serverSideApply,
                               Optional<LeaderElection> leaderElection, ReverificationSchedule accountSchedule,
                               CredentialEnvironment environment, OperatorMetrics metrics, Clock clock,
                               ObservationSettings observation, Concurrency concurrency, AccountGuards accountGuards) {
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(5);

    /**
     * The Lease that decides which replica reconciles, and its timing. {@code identity} null
     * means JOSDK's choice ({@code HOSTNAME}, else a random UUID). {@code exitOnLoss} ends the
     * process when leadership is lost (JOSDK would otherwise keep reconciling); only tests that
     * run two operators in one JVM turn it off.
     */
    public record LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
                                 Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss) {
        public LeaderElection {
            Objects.requireNonNull(leaseName, "leaseName");
            Objects.requireNonNull(leaseDuration, "leaseDuration");
            Objects.requireNonNull(renewDeadline, "renewDeadline");
            Objects.requireNonNull(retryPeriod, "retryPeriod");
        }

        /** JOSDK's default timing (15 s lease, 10 s renew deadline, 2 s retry); exits on loss. */
        public LeaderElection(String leaseName, String leaseNamespace) {
            this(leaseName, leaseNamespace, null, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, true);
        }
    }

    /**
     * JOSDK's reconcile thread pool, shared by all controllers, and the most passes that may use
     * one account at a time, so a slow or throttled account never holds every thread.
     */
    public record Concurrency(int reconcileThreads, int perAccount) {
        public static final int DEFAULT_THREADS = 20;

        public Concurrency {
            if (reconcileThreads < 1 || perAccount < 1) {
                throw new IllegalArgumentException("reconcile threads and passes per account must be at least 1");
            }
        }

        /**
         * A quarter of the threads per account (at least one): an account's throughput is capped by
         * its RAM budgets anyway (10 attaches/s), which a few concurrent passes already reach.
         */
        public static Concurrency of(int reconcileThreads) {
            return new Concurrency(reconcileThreads, Math.max(1, reconcileThreads / 4));
        }

        public static Concurrency defaults() {
            return of(DEFAULT_THREADS);
        }
    }

    public OperatorSettings {
        watchNamespaces = Set.copyOf(watchNamespaces);
        labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector;
        Objects.requireNonNull(resyncPeriod, "resyncPeriod");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(ram, "ram");
        Objects.requireNonNull(leaderElection, "leaderElection");
        Objects.requireNonNull(accountSchedule, "accountSchedule");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(concurrency, "concurrency");
        accountGuards = accountGuards == null ? AccountGuards.defaults(environment) : accountGuards;
        if (resyncPeriod.isNegative() || resyncPeriod.isZero()) {
            throw new IllegalArgumentException("resync period must be positive: " + resyncPeriod);
        }
    }

    /**
     * All namespaces, no sharding, 10 min resync, SSA status writes, no leader election, batch
     * observation from 50 roles per account, 20 reconcile threads (5 per account).
     */
    public static OperatorSettings defaults(OperatorMetrics metrics) {
        return new OperatorSettings(Set.of(), null, DEFAULT_RESYNC, DEFAULT_FIRST_RETRY, RamClientSettings.defaults(),
                true, Optional.empty(), ReverificationSchedule.defaults(), CredentialEnvironment.ofProcess(), metrics,
                Clock.systemUTC(), ObservationSettings.defaults(), Concurrency.defaults(), null);
    }

    public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
        return new OperatorSettings(namespaces, labelSelector, resyncPeriod, firstRetry, ram, serverSideApply,
                leaderElection, accountSchedule, environment, metrics, clock,
                observation, concurrency, accountGuards);
    }

    public OperatorSettings withLabelSelector(String selector) {
        return new OperatorSettings(watchNamespaces, selector, resyncPeriod, firstRetry, ram, serverSideApply,
                leaderElection, accountSchedule, environment, metrics, clock,
                observation, concurrency, accountGuards);
    }

    public OperatorSettings withResync(Duration period, Duration retry) {
        return new OperatorSettings(watchNamespaces, labelSelector, period, retry, ram, serverSideApply,
                leaderElection, accountSchedule, environment, metrics, clock,
                observation, concurrency, accountGuards);
    }

    public OperatorSettings withRam(RamClientSettings newRam) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, newRam, serverSideApply,
                leaderElection, accountSchedule, environment, metrics, clock,
                observation, concurrency, accountGuards);
    }

    public OperatorSettings withServerSideApply(boolean ssa) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram, ssa,
                leaderElection, accountSchedule, environment, metrics, clock,
                observation, concurrency, accountGuards);
    }

    public OperatorSettings withLeaderElection(Optional<LeaderElection> election) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram, serverSideApply,
                election, accountSchedule, environment, metrics, clock,
                observation, concurrency, accountGuards);
    }

    public OperatorSettings withAccountSchedule(ReverificationSchedule schedule) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram, serverSideApply,
                leaderElection, schedule, environment, metrics, clock, observation, concurrency, accountGuards);
    }

    public OperatorSettings withEnvironment(CredentialEnvironment newEnvironment) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram, serverSideApply,
                leaderElection, accountSchedule, newEnvironment, metrics, clock, observation, concurrency,
                // Guards derived from the old environment follow the new one; explicit guards stay.
                accountGuards.equals(AccountGuards.defaults(environment)) ? null : accountGuards);
    }

    public OperatorSettings withObservation(ObservationSettings newObservation) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram, serverSideApply,
                leaderElection, accountSchedule, environment, metrics, clock, newObservation, concurrency, accountGuards);
    }

    public OperatorSettings withAccountGuards(AccountGuards guards) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram, serverSideApply,
                leaderElection, accountSchedule, environment, metrics, clock, observation, concurrency, guards);
    }

    public OperatorSettings withConcurrency(Concurrency newConcurrency) {
        return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram, serverSideApply,
                leaderElection, accountSchedule, environment, metrics, clock, observation, newConcurrency, accountGuards);
    }
}
