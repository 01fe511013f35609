package io.ramgrants.realkube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.SecretRef;
import io.ramgrants.controller.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in its own JVM as a pod runs it, on the real API server: a kubeconfig holding a token
 * of the chart's ServiceAccount (so the chart's RBAC decides every request), leader election on.
 * The status it writes is the production path's: applied server-side, forced, by the controller's
 * field manager on the status subresource, as the API server's managedFields record it.
 */
@Tag(RealApiServer.TAG)
class RunOnRealServerTest {
    private static final String ACCOUNT = "run-process";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void runUnderTheChartsServiceAccountAppliesStatusServerSide() throws Exception {
        RealApiServer server = Cluster.withChart();
        KubernetesClient admin = server.admin();
        Path log = dir.resolve("run.log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), io.ramgrants.cli.Main.class.getName(), "run",
                "--kubeconfig", serviceAccountKubeconfig(admin).toString(),
                "--leader-election-namespace", Cluster.NAMESPACE, "--secret-namespace", Cluster.SECRETS_NAMESPACE,
                "--metrics-port", String.valueOf(freePort()), "--log-format", "json")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            admin.resource(account()).create();
            await("status applied by the run process").atMost(START).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        AlibabaCloudAccount read = admin.resources(AlibabaCloudAccount.class).withName(ACCOUNT).get();
                        return read.getStatus() != null && Conditions.find(read.getStatus().conditions, Conditions.READY)
                                .map(c -> "SecretNotFound".equals(c.getReason())).orElse(false);
                    });
            List<ManagedFieldsEntry> managers = admin.resources(AlibabaCloudAccount.class).withName(ACCOUNT).get()
                    .getMetadata().getManagedFields();
            assertThat(managers.stream().filter(m -> "status".equals(m.getSubresource())))
                    .as("who wrote the status, and how").isNotEmpty().allSatisfy(m -> {
                        assertThat(m.getManager()).isEqualTo("alibabacloudaccount");
                        assertThat(m.getOperation()).isEqualTo("Apply");
                    });

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(25, TimeUnit.SECONDS)).as("exited within the pod's grace period").isTrue();
        } finally {
            admin.resources(AlibabaCloudAccount.class).withName(ACCOUNT).delete();
        }
        assertThat(Files.readString(log)).doesNotContain("\"level\":\"ERROR\"");
    }

    /** A kubeconfig as a pod's: the API server's address and CA, a token of the chart's ServiceAccount. */
    private Path serviceAccountKubeconfig(KubernetesClient admin) throws Exception {
        String token = admin.serviceAccounts().inNamespace(Cluster.NAMESPACE).withName(Cluster.RELEASE)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                .getStatus().getToken();
        Config config = admin.getConfiguration();
        String ca = config.getCaCertData() != null ? "certificate-authority-data: " + config.getCaCertData()
                : "certificate-authority: \"" + config.getCaCertFile() + "\"";
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, String.join("\n", List.of(
                "apiVersion: v1", "kind: Config",
                "clusters: [{name: real, cluster: {server: \"" + config.getMasterUrl() + "\", " + ca + "}}]",
                "contexts: [{name: real, context: {cluster: real, user: operator, namespace: " + Cluster.NAMESPACE + "}}]",
                "current-context: real",
                "users: [{name: operator, user: {token: \"" + token + "\"}}]", "")));
        return kubeconfig;
    }

    private static AlibabaCloudAccount account() {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = "6666666666666666";
        spec.credentials = new AccountCredentials();
        spec.credentials.secretRef = new SecretRef();
        spec.credentials.secretRef.name = ACCOUNT + "-missing";
        spec.credentials.secretRef.namespace = Cluster.SECRETS_NAMESPACE;
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(ACCOUNT).build());
        account.setSpec(spec);
        return account;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
