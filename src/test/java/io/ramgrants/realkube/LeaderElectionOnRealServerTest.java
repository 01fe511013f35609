package io.ramgrants.realkube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.SecretRef;
import io.ramgrants.controller.Conditions;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two replicas as the chart runs them (its ServiceAccount, its Lease Role): one leads on a real
 * coordination.k8s.io Lease and reconciles; when it stops it releases the Lease and the standby takes
 * over and reconciles.
 */
@Tag(RealApiServer.TAG)
class LeaderElectionOnRealServerTest {
    private static final String LEASE = "ram-grant-operator-le-test";

    @Test
    void theStandbyTakesOverTheLeaseWhenTheLeaderStops() {
        RealApiServer server = Cluster.withChart();
        KubernetesClient admin = server.admin();
        try (KubernetesClient asOperator1 = operatorClient(server);
             KubernetesClient asOperator2 = operatorClient(server)) {
            OperatorAssembly first = replica(asOperator1, "replica-1");
            first.start();
            await("replica-1 leads").atMost(Duration.ofSeconds(30)).until(() -> "replica-1".equals(holder(admin)));
            OperatorAssembly second = replica(asOperator2, "replica-2");
            try {
                second.start();
                assertThat(second.leading()).isFalse();
                assertThat(second.ready()).as("a standby is ready").isTrue();
                awaitStatus(admin, account(admin, "le-before"));

                first.close();
                await("replica-2 leads").atMost(Duration.ofSeconds(30)).until(() -> "replica-2".equals(holder(admin)));
                // The Lease names the new holder a moment before fabric8 calls the started-leading callback.
                await("replica-2 knows it leads").atMost(Duration.ofSeconds(5)).until(second::leading);
                awaitStatus(admin, account(admin, "le-after"));
            } finally {
                second.close();
            }
            assertThat(holder(admin)).as("released on stop").isNullOrEmpty();
        }
    }

    private static OperatorAssembly replica(KubernetesClient client, String identity) {
        OperatorSettings settings = OperatorSettings.defaults(OperatorMetrics.discarding())
                .withLeaderElection(Optional.of(new OperatorSettings.LeaderElection(LEASE, Cluster.NAMESPACE, identity,
                        Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500), false)));
        return new OperatorAssembly(client, settings);
    }

    private static KubernetesClient operatorClient(RealApiServer server) {
        return server.as(Cluster.OPERATOR_USER, "system:serviceaccounts",
                "system:serviceaccounts:" + Cluster.NAMESPACE, "system:authenticated");
    }

    private static String holder(KubernetesClient admin) {
        Lease lease = admin.leases().inNamespace(Cluster.NAMESPACE).withName(LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** An account whose Secret does not exist: only a leader writes its status (SecretNotFound). */
    private static String account(KubernetesClient admin, String name) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = "5555555555555555";
        spec.credentials = new AccountCredentials();
        spec.credentials.secretRef = new SecretRef();
        spec.credentials.secretRef.name = name + "-missing";
        spec.credentials.secretRef.namespace = Cluster.SECRETS_NAMESPACE;
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(spec);
        admin.resource(account).create();
        return name;
    }

    private static void awaitStatus(KubernetesClient admin, String name) {
        await("status of " + name).atMost(Duration.ofSeconds(30)).until(() -> {
            AlibabaCloudAccount account = admin.resources(AlibabaCloudAccount.class).withName(name).get();
            return account.getStatus() != null && Conditions.find(account.getStatus().conditions, Conditions.READY)
                    .map(c -> "SecretNotFound".equals(c.getReason())).orElse(false);
        });
    }
}
