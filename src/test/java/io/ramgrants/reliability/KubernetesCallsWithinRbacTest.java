package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.KubernetesApiAccess;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RBAC contract ({@link KubernetesApiAccess#REQUIRED}, which the chart and the kustomize
 * manifests are tested to grant) measured instead of declared: the operator runs a whole life
 * cycle on the mock API server — leader election, accounts, grants of every kind, deletion, a
 * clean stop — and every request its client sent must be allowed by the contract. A declared
 * list alone once missed that fabric8 renews the Lease with a PATCH.
 */
class KubernetesCallsWithinRbacTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-rbac";
    static final String LEASE = "ram-grant-operator";
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

    @Test
    void everyRequestOfAWholeLifeCycleIsGrantedAndTheLeaseIsReleasedOnStop() throws InterruptedException {
        OperatorAssembly operator = cluster.startOperator(MockCluster.settings(
                new OperatorMetrics(new SimpleMeterRegistry()), Duration.ofSeconds(2))
                .withLeaderElection(Optional.of(new OperatorSettings.LeaderElection(LEASE, Fleet.SECRETS_NAMESPACE,
                        "only", Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(300), false))));
        await("leads").atMost(MockCluster.WAIT).until(operator::leading);
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            cluster.fleetAccount(i, emulator.endpoint(), MARK);
        }
        List<CustomResource<?, GrantStatus>> grants = Fleet.grants(6);
        grants.forEach(cluster::create);
        grants.forEach(cluster::awaitTrue);
        await("a lease renewal").atMost(MockCluster.WAIT).until(() -> lease().getSpec().getRenewTime()
                .isAfter(lease().getSpec().getAcquireTime()));
        grants.forEach(g -> cluster.client.resource(g).delete());
        await("grants deleted").atMost(MockCluster.WAIT).until(() -> grants.stream()
                .allMatch(g -> cluster.client.resource(g).get() == null));

        cluster.stop(operator);

        assertThat(lease().getSpec().getHolderIdentity()).as("holder after a clean stop").isNullOrEmpty();
        Set<String> used = new TreeSet<>();
        for (RecordedRequest request = next(); request != null; request = next()) {
            if (MockCluster.OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
                KubernetesRequest.of(request.getMethod(), request.getPath()).ifPresent(r -> used.add(r.toString()));
            }
        }
        assertThat(used).as("requests the operator made").contains(
                "coordination.k8s.io/leases patch", "ramgrants.io/crossaccountdtsgrants/status patch", "/secrets watch");
        assertThat(used).allSatisfy(call -> assertThat(granted()).as("granted calls").contains(call));
        Figures.print("kubernetes-calls", "distinct=" + used.size(), "calls=" + used);
    }

    private static Lease lease() {
        return cluster.client.leases().inNamespace(Fleet.SECRETS_NAMESPACE).withName(LEASE).get();
    }

    private static RecordedRequest next() throws InterruptedException {
        return cluster.server.takeRequest(10, TimeUnit.MILLISECONDS);
    }

    /** "group/resource verb" for every verb of every entry of the contract. */
    private static Set<String> granted() {
        Set<String> out = new TreeSet<>();
        KubernetesApiAccess.REQUIRED.forEach(a -> a.verbs().forEach(v -> out.add(a.group() + "/" + a.resource() + " " + v)));
        return out;
    }
}
