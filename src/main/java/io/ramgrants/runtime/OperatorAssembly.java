package io.ramgrants.runtime;

import io.ramgrants.drift.AccountStatusCursorStore;
import io.ramgrants.drift.DriftEventPoller;
import io.ramgrants.drift.DriftEventStates;
import io.ramgrants.drift.MeteredActionTrailGateway;
import io.ramgrants.ram.SdkActionTrailGateway;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.controller.AccountController;
import io.ramgrants.controller.grant.AccountSlots;
import io.ramgrants.controller.grant.GrantControllers;
import io.ramgrants.controller.grant.GrantDependencies;
import io.ramgrants.controller.grant.KubernetesEventRecorder;
import io.ramgrants.controller.grant.RoleClaimIndex;
import io.ramgrants.engine.batch.SharedObservation;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole operator in one process: the JOSDK {@link Operator} with the account controller
 * and the three grant controllers, one RAM gateway factory (so one rate limit per account),
 * one observation (batch caches per account) and one set of per-account reconcile slots shared
 * by the grant controllers, and readiness for {@code /readyz}.
 */
public final class OperatorAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAssembly.class);

    /**
     * How long a stop waits for running reconciles (JOSDK's default is not at all) before the
     * Lease is released; below the chart's 30 s termination grace period.
     */
    static final Duration RECONCILE_DRAIN = Duration.ofSeconds(20);

    private final Operator operator;
    private final AccountController accounts;
    private final GrantControllers grants;
    private final SharedObservation observation;
    private final boolean leaderElection;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Optional<LeaseRelease> leaseRelease;
    private final Optional<DriftEventPoller> driftEvents;

    public OperatorAssembly(KubernetesClient client, OperatorSettings settings) {
        this(client, settings, UnaryOperator.identity());
    }

    /**
     * @param ramWrapper wraps every account's RAM gateway; for benchmarks that make one account
     *                   slow, identity otherwise
     */
    public OperatorAssembly(KubernetesClient client, OperatorSettings settings, UnaryOperator<RamGateway> ramWrapper) {
        RamGateways gateways = new RamGateways(settings.ram(), settings.metrics());
        KubernetesEventRecorder events = new KubernetesEventRecorder(client, settings.clock());
        // The poller hands its state over here; the account reconciler shows it as a condition.
        DriftEventStates driftStates = settings.observation().driftEvents().enabled()
                ? DriftEventStates.reading(new AccountStatusCursorStore(client), settings.metrics(),
                        this::accountIdOf)
                : DriftEventStates.off(new AccountStatusCursorStore(client));
        this.accounts = new AccountController(client, gateways::stsGateway,
                (accountId, endpoint, credentials) -> ramWrapper.apply(
                        gateways.ramGateway(accountId, endpoint, credentials)),
                settings.environment(), settings.accountSchedule(), settings.clock(), settings.accountGuards(), events,
                driftStates);
        this.observation = new SharedObservation(settings.observation(), settings.resyncPeriod(), settings.clock());
        RoleClaimIndex claims = new RoleClaimIndex();
        this.grants = new GrantControllers(new GrantDependencies(client, accounts.registry(), claims,
                events, settings.metrics(), settings.clock(),
                settings.resyncPeriod(), settings.firstRetry(), observation,
                new AccountSlots(settings.concurrency().perAccount())));
        Optional<OperatorSettings.LeaderElection> lease = settings.leaderElection().map(OperatorAssembly::withIdentity);
        this.leaderElection = lease.isPresent();
        this.leaseRelease = lease.map(l -> new LeaseRelease(client,
                l.leaseNamespace() != null ? l.leaseNamespace() : client.getNamespace(), l.leaseName(), l.identity()));
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(settings.concurrency().reconcileThreads())
                    .withUseSSAToPatchPrimaryResource(true) // status: see StatusWrites
                    .withReconciliationTerminationTimeout(RECONCILE_DRAIN)
                    // JOSDK's own per-controller meters (queue, retries, failures), without the
                    // per-resource ones: one time series per grant would not scale.
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(settings.metrics().registry()));
            lease.ifPresent(l -> o.withLeaderElectionConfiguration(leaseConfig(l)));
        });
        accounts.register(operator);
        grants.register(operator, settings.watchNamespaces(), settings.labelSelector());
        this.driftEvents = settings.observation().driftEvents().enabled()
                ? Optional.of(new DriftEventPoller(accounts.registry(),
                        (handle, credentials) -> new MeteredActionTrailGateway(new SdkActionTrailGateway(
                                SdkActionTrailGateway.endpointFor(handle.endpoint()), credentials, settings.ram()),
                                handle.accountId(), settings.metrics()),
                        observation, driftStates,
                        changed -> claims.requeue(claims.ownersOf(changed.accountId(), changed.roles(),
                                changed.policies())),
                        () -> operator.getRuntimeInfo().isStarted() && leading() && !stopping.get(), settings.clock())
                        .countingOutOfBandWrites(settings.metrics()::recordOutOfBandWrite))
                : Optional.empty();
    }

    /** Starts the informers (and leader election); returns once the caches are synced. */
    public void start() {
        operator.start();
        driftEvents.ifPresent(DriftEventPoller::start);
        LOG.info("operator started: {} controllers{}", operator.getRegisteredControllersNumber(),
                leaderElection ? ", leader election on" : "");
    }

    /**
     * Ready when started and, for the leader (or without leader election), every informer is
     * healthy. A standby replica is ready as soon as it started: it is waiting for the Lease,
     * and a rolling update must be able to proceed.
     */
    public boolean ready() {
        if (!operator.getRuntimeInfo().isStarted()) {
            return false;
        }
        if (leaderElection && !leading.get()) {
            return true;
        }
        return operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    private Optional<String> accountIdOf(String accountName) {
        return accounts.registry().byName(accountName).map(AccountHandle::accountId);
    }

    public boolean leading() {
        return !leaderElection || leading.get();
    }

    public AccountRegistry accounts() {
        return accounts.registry();
    }

    /** The observation every grant pass uses: which accounts are batched, what is cached. */
    public SharedObservation observation() {
        return observation;
    }

    public Operator operator() {
        return operator;
    }

    /**
     * Stops reconciling, then, if this replica led, gives the Lease up so a standby takes over
     * at once instead of after the lease duration. The stop waits up to {@link #RECONCILE_DRAIN}
     * for running reconciles, so the standby does not overlap with a pass of ours.
     */
    @Override
    public void close() {
        stopping.set(true);
        boolean wasLeading = leading.get();
        driftEvents.ifPresent(DriftEventPoller::close);
        operator.stop();
        accounts.close();
        if (wasLeading) {
            leading.set(false);
            leaseRelease.ifPresent(LeaseRelease::release);
        }
    }

    /**
     * The Lease's holder name must be known to release it; JOSDK would pick the same default
     * (HOSTNAME, the pod name in Kubernetes) but not tell us.
     */
    private static OperatorSettings.LeaderElection withIdentity(OperatorSettings.LeaderElection lease) {
        if (lease.identity() != null && !lease.identity().isBlank()) {
            return lease;
        }
        String hostname = System.getenv("HOSTNAME");
        String identity = hostname != null && !hostname.isBlank() ? hostname : UUID.randomUUID().toString();
        return new OperatorSettings.LeaderElection(lease.leaseName(), lease.leaseNamespace(), identity,
                lease.leaseDuration(), lease.renewDeadline(), lease.retryPeriod(), lease.exitOnLoss());
    }

    /**
     * Losing the Lease ends the process, so two replicas never write at once. JOSDK can exit by
     * itself, but it would also do so when our own stop cancels the election: System.exit inside
     * the shutdown hook blocks forever, and the pod hung until SIGKILL. So JOSDK never exits; we
     * do, only for a loss we did not cause, and from a thread of its own, since the elector holds
     * its lock while calling back and the shutdown hook needs that lock to stop the election.
     */
    private LeaderElectionConfiguration leaseConfig(OperatorSettings.LeaderElection lease) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    leading.set(true);
                    LOG.info("became leader of Lease {}", lease.leaseName());
                },
                () -> {
                    leading.set(false);
                    if (lease.exitOnLoss() && !stopping.get()) {
                        LOG.error("lost Lease {}; exiting so that only the new leader writes to RAM", lease.leaseName());
                        new Thread(() -> System.exit(1), "exit-on-lost-lease").start();
                    }
                },
                leader -> LOG.info("Lease {} held by {}", lease.leaseName(), leader));
        return new LeaderElectionConfiguration(lease.leaseName(), lease.leaseNamespace(), lease.leaseDuration(),
                lease.renewDeadline(), lease.retryPeriod(), lease.identity(), callbacks, false);
    }
}
