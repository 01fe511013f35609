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
 * the demo shorten the periods. Status is always written by server-side apply ({@code controller.StatusWrites}).
 *
 * @param watchNamespaces  namespaces whose grants are reconciled; empty = all
 * @param labelSelector    only grants matching it, to shard grants across Deployments; null = all
 * @param resyncPeriod     how often each grant re-reads RAM to catch out-of-band edits (jittered)
 * @param firstRetry       first backoff delay after a transient RAM failure (doubles per attempt)
 * @param ram              per-account call rate, retries and timeouts of the RAM gateways
 * @param leaderElection   the Lease to hold; empty = no leader election (one replica)
 * @param accountSchedule  when AlibabaCloudAccounts are verified again
 * @param observation      per-role or batch observation of RAM, and the batch path's full-sweep period
 * @param concurrency      reconcile threads, and how many of them one account may hold
 * @param accountGuards    what an AlibabaCloudAccount may make the operator do: endpoint hosts, OIDC token
 *                         directories, Secret namespaces; null = {@link AccountGuards#defaults} of {@code environment}
 */
public record OperatorSettings(Set<String> watchNamespaces, String labelSelector, Duration resyncPeriod,
                               Duration firstRetry, RamClientSettings ram,
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
     * All namespaces, no sharding, 10 min resync, no leader election, batch
     * observation from 50 roles per account, 20 reconcile threads (5 per account).
     */
    public static OperatorSettings defaults(OperatorMetrics metrics) {
        return new OperatorSettings(Set.of(), null, DEFAULT_RESYNC, DEFAULT_FIRST_RETRY, RamClientSettings.defaults(),
                Optional.empty(), ReverificationSchedule.defaults(), CredentialEnvironment.ofProcess(), metrics,
                Clock.systemUTC(), ObservationSettings.defaults(), Concurrency.defaults(), null);
    }

    public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
        return toBuilder().watchNamespaces(namespaces).build();
    }

    public OperatorSettings withLabelSelector(String selector) {
        return toBuilder().labelSelector(selector).build();
    }

    public OperatorSettings withResync(Duration period, Duration retry) {
        return toBuilder().resyncPeriod(period).firstRetry(retry).build();
    }

    public OperatorSettings withRam(RamClientSettings newRam) {
        return toBuilder().ram(newRam).build();
    }

    public OperatorSettings withLeaderElection(Optional<LeaderElection> election) {
        return toBuilder().leaderElection(election).build();
    }

    public OperatorSettings withAccountSchedule(ReverificationSchedule schedule) {
        return toBuilder().accountSchedule(schedule).build();
    }

    public OperatorSettings withEnvironment(CredentialEnvironment newEnvironment) {
        // Guards derived from the old environment follow the new one; explicit guards stay.
        AccountGuards guards = accountGuards.equals(AccountGuards.defaults(environment)) ? null : accountGuards;
        return toBuilder().environment(newEnvironment).accountGuards(guards).build();
    }

    public OperatorSettings withObservation(ObservationSettings newObservation) {
        return toBuilder().observation(newObservation).build();
    }

    public OperatorSettings withAccountGuards(AccountGuards guards) {
        return toBuilder().accountGuards(guards).build();
    }

    public OperatorSettings withConcurrency(Concurrency newConcurrency) {
        return toBuilder().concurrency(newConcurrency).build();
    }

    /** A builder holding these settings, to change several at once; each field is named once, here. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of {@link OperatorSettings}; {@link #build} validates as the record does. */
    public static final class Builder {
        private Set<String> watchNamespaces;
        private String labelSelector;
        private Duration resyncPeriod;
        private Duration firstRetry;
        private RamClientSettings ram;
        private Optional<LeaderElection> leaderElection;
        private ReverificationSchedule accountSchedule;
        private CredentialEnvironment environment;
        private OperatorMetrics metrics;
        private Clock clock;
        private ObservationSettings observation;
        private Concurrency concurrency;
        private AccountGuards accountGuards;

        private Builder(OperatorSettings from) {
            watchNamespaces = from.watchNamespaces;
            labelSelector = from.labelSelector;
            resyncPeriod = from.resyncPeriod;
            firstRetry = from.firstRetry;
            ram = from.ram;
            leaderElection = from.leaderElection;
            accountSchedule = from.accountSchedule;
            environment = from.environment;
            metrics = from.metrics;
            clock = from.clock;
            observation = from.observation;
            concurrency = from.concurrency;
            accountGuards = from.accountGuards;
        }

        public Builder watchNamespaces(Set<String> value) {
            watchNamespaces = value;
            return this;
        }

        public Builder labelSelector(String value) {
            labelSelector = value;
            return this;
        }

        public Builder resyncPeriod(Duration value) {
            resyncPeriod = value;
            return this;
        }

        public Builder firstRetry(Duration value) {
            firstRetry = value;
            return this;
        }

        public Builder ram(RamClientSettings value) {
            ram = value;
            return this;
        }

        public Builder leaderElection(Optional<LeaderElection> value) {
            leaderElection = value;
            return this;
        }

        public Builder accountSchedule(ReverificationSchedule value) {
            accountSchedule = value;
            return this;
        }

        public Builder environment(CredentialEnvironment value) {
            environment = value;
            return this;
        }

        public Builder metrics(OperatorMetrics value) {
            metrics = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder observation(ObservationSettings value) {
            observation = value;
            return this;
        }

        public Builder concurrency(Concurrency value) {
            concurrency = value;
            return this;
        }

        /** null = {@link AccountGuards#defaults} of the environment. */
        public Builder accountGuards(AccountGuards value) {
            accountGuards = value;
            return this;
        }

        public OperatorSettings build() {
            return new OperatorSettings(watchNamespaces, labelSelector, resyncPeriod, firstRetry, ram,
                    leaderElection, accountSchedule, environment, metrics, clock, observation, concurrency,
                    accountGuards);
        }
    }
}
