package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starting to watch one account's Secret must not hold the other accounts: an API server slow to
 * answer that Secret's first LIST (throttled by API priority and fairness, a large namespace)
 * used to block every {@code watch} and {@code find} behind the monitor the informer started
 * under. Here the LIST of Secret {@code slow} does not answer until the test is done; the other
 * account's watch and read go through meanwhile.
 */
class ReferencedSecretsTest {
    private static final String SECRET_FAST = """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"fast","namespace":"ops","resourceVersion":"7"},
             "data":{"accessKeyId":"TFRBSS1mYXN0"}}""";
    private final CountDownLatch slowListArrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .withRequestTimeout(20_000)
                .build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = String.valueOf(exchange.getRequestURI().getRawQuery());
        try {
            if (query.contains("watch=true")) {
                await(release); // a watch that never reports anything while the test runs
                reply(exchange, 200, "");
            } else if (path.endsWith("/secrets") && query.contains("slow")) {
                slowListArrived.countDown();
                await(release);
                reply(exchange, 200, list(""));
            } else if (path.endsWith("/secrets")) {
                reply(exchange, 200, list(SECRET_FAST));
            } else if (path.endsWith("/secrets/fast")) {
                reply(exchange, 200, SECRET_FAST);
            } else {
                reply(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}");
            }
        } finally {
            exchange.close();
        }
    }

    private static String list(String item) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
                + item + "]}";
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSecretWhoseFirstListHangsHoldsNoOtherAccount() throws Exception {
        ReferencedSecrets secrets = new ReferencedSecrets(client);
        CompletableFuture<Void> slowWatch = CompletableFuture.runAsync(() -> secrets.watch("acct-slow", "ops", "slow"));
        assertThat(slowListArrived.await(10, TimeUnit.SECONDS)).as("the slow Secret's LIST reached the server").isTrue();

        CompletableFuture<Optional<Secret>> other = CompletableFuture.supplyAsync(() -> {
            secrets.watch("acct-fast", "ops", "fast");
            return secrets.find("ops", "fast");
        });

        Optional<Secret> fast = other.get(5, TimeUnit.SECONDS);
        assertThat(fast).as("the other account's Secret is read while the slow LIST hangs").isPresent();
        assertThat(fast.orElseThrow().getMetadata().getResourceVersion()).isEqualTo("7");
        slowWatch.get(5, TimeUnit.SECONDS);
        secrets.close();
    }
}
