package io.ramgrants.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
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

    private final Operator operator;
    private final AccountController accounts;
    private final GrantControllers grants;
    private final SharedObservation observation;
    private final boolean leaderElection;
    private final AtomicBoolean leading = new AtomicBoolean();

    public OperatorAssembly(KubernetesClient client, OperatorSettings settings) {
        this(client, settings, UnaryOperator.identity());
    }

    /**
     * @param ramWrapper wraps every account's RAM gateway; for benchmarks that make one account
     *                   slow, identity otherwise
     */
    public OperatorAssembly(KubernetesClient client, OperatorSettings settings, UnaryOperator<RamGateway> ramWrapper) {
        RamGateways gateways = new RamGateways(settings.ram(), settings.metrics());
        this.accounts = new AccountController(client, gateways::stsGateway,
                (accountId, endpoint, credentials) -> ramWrapper.apply(
                        gateways.ramGateway(accountId, endpoint, credentials)),
                settings.environment(), settings.accountSchedule(), settings.clock());
        this.observation = new SharedObservation(settings.observation(), settings.resyncPeriod(), settings.clock());
        this.grants = new GrantControllers(new GrantDependencies(client, accounts.registry(), new RoleClaimIndex(),
                new KubernetesEventRecorder(client, settings.clock()), settings.metrics(), settings.clock(),
                settings.resyncPeriod(), settings.firstRetry(), observation,
                new AccountSlots(settings.concurrency().perAccount())));
        this.leaderElection = settings.leaderElection().isPresent();
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(settings.concurrency().reconcileThreads())
                    .withUseSSAToPatchPrimaryResource(settings.serverSideApply());
            settings.leaderElection().ifPresent(lease -> o.withLeaderElectionConfiguration(leaseConfig(lease)));
        });
        accounts.register(operator);
        grants.register(operator, settings.watchNamespaces(), settings.labelSelector());
    }

    /** Starts the informers (and leader election); returns once the caches are synced. */
    public void start() {
        operator.start();
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

    @Override
    public void close() {
        operator.stop();
        accounts.close();
    }

    /** Losing the Lease ends the process (JOSDK's default), so two replicas never write at once. */
    private LeaderElectionConfiguration leaseConfig(OperatorSettings.LeaderElection lease) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    leading.set(true);
                    LOG.info("became leader of Lease {}", lease.leaseName());
                },
                () -> leading.set(false),
                leader -> LOG.info("Lease {} held by {}", lease.leaseName(), leader));
        return new LeaderElectionConfiguration(lease.leaseName(), lease.leaseNamespace(), lease.leaseDuration(),
                lease.renewDeadline(), lease.retryPeriod(), lease.identity(), callbacks, lease.exitOnLoss());
    }
}
