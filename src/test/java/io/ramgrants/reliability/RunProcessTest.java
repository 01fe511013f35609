package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ramgrants.accounts.AccountSpecs;
import io.ramgrants.api.AlibabaCloudAccount;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a pod runs it: a separate JVM with a kubeconfig, leader election on, stopped
 * by SIGTERM. It must become leader, reconcile, serve its probes, and on SIGTERM exit promptly
 * and hand the Lease back (it once hung in its shutdown hook until the kubelet's SIGKILL).
 */
class RunProcessTest {
    private static final String LEASE = "ram-grant-operator";
    private static final String NAMESPACE = "ramgrants-system";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    MockCluster cluster;
    Process process;

    @BeforeEach
    void cluster() {
        cluster = new MockCluster(true);
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        cluster.close();
    }

    @Test
    void leadsReconcilesServesProbesAndOnSigtermExitsAndReleasesTheLease() throws Exception {
        int port = freePort();
        Path log = dir.resolve("operator.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), io.ramgrants.cli.Main.class.getName(), "run",
                "--kubeconfig", kubeconfig().toString(), "--leader-election-namespace", NAMESPACE,
                "--secret-namespace", NAMESPACE,
                "--metrics-port", String.valueOf(port), "--log-format", "json")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOSTNAME", "operator-pod-0");
        process = builder.start();

        await("leader").atMost(START).pollInterval(Duration.ofMillis(200))
                .until(() -> lease().map(l -> "operator-pod-0".equals(l.getSpec().getHolderIdentity())).orElse(false));
        await("/readyz").atMost(START).until(() -> status(port, "/readyz") == 200);
        assertThat(status(port, "/healthz")).isEqualTo(200);

        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName("orders").build());
        account.setSpec(AccountSpecs.withSecret("2222222222222222", NAMESPACE, "no-such-secret"));
        cluster.client.resource(account).create();
        // The real run writes status by server-side apply; this mock takes the apply as the one field
        // manager the operator is (the real-server tier checks SSA itself), so the status the process
        // computed is what the API server now holds.
        await("account status written by the process").atMost(START).until(() -> Optional.ofNullable(
                cluster.client.resources(AlibabaCloudAccount.class).withName("orders").get())
                .map(AlibabaCloudAccount::getStatus).map(s -> s.conditions).orElse(List.of()).stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "False".equals(c.getStatus())
                        && "SecretNotFound".equals(c.getReason())));
        List<RecordedRequest> applies = requests("PATCH", "/apis/ramgrants.io/v1alpha1/alibabacloudaccounts/orders/status");
        assertThat(applies).as("status sent by server-side apply").isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
                    assertThat(r.getPath()).contains("fieldManager=alibabacloudaccount").contains("force=true");
                });

        long stopping = System.nanoTime();
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(25, TimeUnit.SECONDS)).as("exited within the pod's grace period").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(25));
        assertThat(lease().orElseThrow().getSpec().getHolderIdentity()).as("Lease holder after SIGTERM")
                .isNullOrEmpty();
        assertThat(Files.readString(log)).contains("became leader of Lease ram-grant-operator", "shutting down", "released Lease", "stopped");
    }

    private Optional<Lease> lease() {
        return Optional.ofNullable(cluster.client.leases().inNamespace(NAMESPACE).withName(LEASE).get());
    }

    /** The matching requests among those the mock server recorded since the last call. */
    private List<RecordedRequest> requests(String method, String path) throws InterruptedException {
        List<RecordedRequest> found = new java.util.ArrayList<>();
        for (RecordedRequest r = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
                r = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            if (r.getMethod().equals(method) && r.getPath().startsWith(path)) {
                found.add(r);
            }
        }
        return found;
    }

    private Path kubeconfig() throws IOException {
        String url = cluster.client.getConfiguration().getMasterUrl();
        return Files.writeString(dir.resolve("kubeconfig"), String.join("\n", List.of(
                "apiVersion: v1", "kind: Config",
                "clusters: [{name: mock, cluster: {server: \"" + url + "\", insecure-skip-tls-verify: true}}]",
                "contexts: [{name: mock, context: {cluster: mock, user: u, namespace: default}}]",
                "current-context: mock",
                "users: [{name: u, user: {token: not-a-secret}}]", "")));
    }

    private static int status(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
