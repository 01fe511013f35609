package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.CustomResource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, leader hand-over: two operators on one (mock) cluster compete for one Lease. Only
 * the leader writes to RAM — each instance counts its own RAM writes in its own meter registry,
 * and together they account for every write the emulator served — and when the leader stops,
 * the standby takes the Lease over and carries on.
 */
class LeaderHandOverTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-leader";
    static RamEmulator emulator;
    static MockCluster cluster;

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK).threads(4).build(), 0);
        cluster = new MockCluster();
    }

    @AfterAll
    static void stop() {
        cluster.close();
        emulator.close();
    }

    /** Short Lease so the hand-over takes seconds; no exit on loss, since both share this JVM. */
    static OperatorSettings settings(String identity, SimpleMeterRegistry registry) {
        return MockCluster.settings(new OperatorMetrics(registry), Duration.ofSeconds(5))
                .withLeaderElection(Optional.of(new OperatorSettings.LeaderElection("ram-grant-operator",
                        Fleet.SECRETS_NAMESPACE, identity, Duration.ofSeconds(4), Duration.ofSeconds(3),
                        Duration.ofMillis(300), false)));
    }

    @Test
    void onlyTheLeaderWritesAndTheStandbyTakesOverWhenItStops() {
        long started = System.nanoTime();
        SimpleMeterRegistry firstWrites = new SimpleMeterRegistry();
        SimpleMeterRegistry secondWrites = new SimpleMeterRegistry();
        OperatorAssembly first = cluster.startOperator(settings("first", firstWrites));
        await("first leads").atMost(MockCluster.WAIT).until(first::leading);
        OperatorAssembly second = cluster.startOperator(settings("second", secondWrites));
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            cluster.fleetAccount(i, emulator.endpoint(), MARK);
        }
        List<CustomResource<?, GrantStatus>> grants = Fleet.grants(10);

        grants.subList(0, 6).forEach(cluster::create);
        grants.subList(0, 6).forEach(cluster::awaitTrue);

        assertThat(second.leading()).isFalse();
        assertThat(second.ready()).as("a standby is ready: it waits for the Lease").isTrue();
        long firstBefore = ramWrites(firstWrites);
        assertThat(firstBefore).isPositive();
        assertThat(ramWrites(secondWrites)).as("RAM writes of the standby").isZero();
        assertThat(Figures.writes(emulator.callCounts())).isEqualTo(firstBefore);

        long stopped = System.nanoTime();
        cluster.stop(first);
        await("second takes over").atMost(MockCluster.WAIT).until(second::leading);
        long takeOverMs = (System.nanoTime() - stopped) / 1_000_000;
        grants.subList(6, 10).forEach(cluster::create);
        grants.forEach(cluster::awaitTrue);

        assertThat(ramWrites(firstWrites)).as("RAM writes of the stopped leader").isEqualTo(firstBefore);
        assertThat(ramWrites(secondWrites)).isPositive();
        assertThat(Figures.writes(emulator.callCounts())).as("every RAM write came from the leader of its time")
                .isEqualTo(firstBefore + ramWrites(secondWrites));
        Figures.print("leader-handover", "grants=10", "writesFirst=" + firstBefore,
                "writesSecond=" + ramWrites(secondWrites), "takeOverMs=" + takeOverMs,
                "ms=" + (System.nanoTime() - started) / 1_000_000);
    }

    /** RAM write attempts this instance made, from its own {@code ramgrants.ram.calls} meters. */
    static long ramWrites(SimpleMeterRegistry registry) {
        return registry.find("ramgrants.ram.calls").timers().stream()
                .filter(t -> Figures.WRITE_ACTIONS.contains(t.getId().getTag("action")))
                .mapToLong(Timer::count).sum();
    }
}
