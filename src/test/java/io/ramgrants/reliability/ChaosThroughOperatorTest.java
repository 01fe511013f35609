package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.CustomResource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.FaultSettings;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.ManagementMode;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, chaos through the real controllers: the operator on the mock API server reconciles
 * 50 grants while RAM throttles 30% and fails 10% of calls. Every grant becomes Ready, RAM holds
 * exactly the desired state, and the next periodic resync of every grant writes nothing.
 */
class ChaosThroughOperatorTest {
    static final int GRANTS = 50;
    static final String MARK = "SECRET-DO-NOT-LEAK-chaos-operator";
    static final Duration RESYNC = Duration.ofSeconds(3);
    /** Writes RAM commits but whose answer never arrives, on top of the engine-level chaos mix. */
    static final double LOST_REPLY = 0.1;
    static RamEmulator emulator;
    static MockCluster cluster;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK)
                .faultThrottle(ChaosConvergenceTest.CHAOS.throttle()).fault5xx(ChaosConvergenceTest.CHAOS.serverError())
                .latencyMs(ChaosConvergenceTest.CHAOS.latencyMs()).faultLostReply(LOST_REPLY).seed(7L).threads(4)
                .build(), 0);
        cluster = new MockCluster();
        cluster.startOperator(MockCluster.settings(new OperatorMetrics(meters), RESYNC));
    }

    @AfterAll
    static void stop() {
        cluster.close();
        emulator.close();
    }

    @Test
    void fiftyGrantsBecomeReadyAndTheNextResyncWritesNothing() {
        long started = System.nanoTime();
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            cluster.fleetAccount(i, emulator.endpoint(), MARK);
        }
        List<CustomResource<?, GrantStatus>> grants = Fleet.grants(GRANTS);
        List<DesiredState> desired = Fleet.desiredStates(grants);

        grants.forEach(cluster::create);
        grants.forEach(cluster::awaitTrue);
        long convergedMs = (System.nanoTime() - started) / 1_000_000;

        long faults = Figures.total(emulator.faultCounts());
        long lostReplies = Figures.total(emulator.lostReplyCounts());
        assertThat(lostReplies).as("writes whose answer was lost").isPositive();
        assertThat(faults).as("faults were really injected").isGreaterThan(50);
        emulator.setFaults(FaultSettings.NONE);
        for (CustomResource<?, GrantStatus> grant : grants) {
            assertThat(cluster.get(grant).getStatus().roles).as("roles of %s", grant.getMetadata().getName())
                    .allSatisfy(r -> assertThat(r.state).isEqualTo("Ready"));
        }
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            assertThat(RamInventory.read(RamInventory.client(emulator, Fleet.accessKeyId(i),
                    Fleet.accessKeySecret(MARK, i))))
                    .as("account %s holds exactly the desired roles, attachments and policies", Fleet.accountId(i))
                    .isEqualTo(RamInventory.expected(desired, Fleet.accountId(i)));
        }

        emulator.resetCounters();
        long passesBefore = reconciles();
        await("a periodic resync's worth of passes").atMost(RESYNC.multipliedBy(3).plus(MockCluster.WAIT))
                .pollInterval(Duration.ofMillis(200)).until(() -> reconciles() - passesBefore >= GRANTS);

        assertThat(Figures.writes(emulator.callCounts())).as("RAM writes during the resync").isZero();
        assertThat(Figures.count(emulator.callCounts(), "GetRole")).isGreaterThanOrEqualTo(GRANTS);
        GrantEngine observer = new GrantEngine(new EmulatorGateways(emulator, MARK));
        for (DesiredState state : desired) {
            assertThat(observer.reconcile(state, EngineOptions.defaults().withMode(ManagementMode.OBSERVE)).plan()
                    .isEmpty()).as("plan of %s", state.owner()).isTrue();
        }
        Figures.print("chaos-operator", "grants=" + GRANTS, "roles=" + Figures.roles(desired),
                "faultsInjected=" + faults, "lostReplies=" + lostReplies, "throttledAttempts=" + attempts("throttled"),
                "serverErrorAttempts=" + attempts("transient"), "convergedMs=" + convergedMs, "resyncPasses=" + (reconciles() - passesBefore),
                "ms=" + (System.nanoTime() - started) / 1_000_000);
    }

    /** Grant passes the operator finished, from its {@code ramgrants.reconcile} meters. */
    static long reconciles() {
        return meters.find("ramgrants.reconcile").timers().stream().mapToLong(Timer::count).sum();
    }

    static long attempts(String result) {
        return meters.find("ramgrants.ram.calls").tag("result", result).timers().stream().mapToLong(Timer::count).sum();
    }
}
