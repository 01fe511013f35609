package io.ramgrants.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObservabilityServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final AtomicBoolean live = new AtomicBoolean(true);
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private PrometheusMeterRegistry registry;
    private ObservabilityServer server;

    @BeforeEach
    void start() {
        registry = ObservabilityServer.newPrometheusRegistry();
        server = new ObservabilityServer(0, registry, live::get, ready::get).start();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void metricsServesPrometheusTextWithJvmMetrics() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("jvm_threads_live_threads ")
                .contains("jvm_classes_loaded_classes ")
                .contains("process_uptime_seconds ")
                .contains("system_cpu_count ")
                .contains("jvm_gc_");
    }

    @Test
    void operatorMetricsAppearWithPrometheusNames() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(registry);
        metrics.recordReconcile("CrossAccountDtsGrant", "success", Duration.ofMillis(120));
        metrics.recordRamCall("GetRole", "1234567890123456", "success", Duration.ofMillis(35));
        metrics.recordDriftCorrection("DmsAccessRole", "trustPolicy");
        metrics.recordRateLimiterWait("1234567890123456", Duration.ofMillis(5));
        metrics.recordDriftDetected("DmsAccessRole", "trust", "Observe");
        metrics.recordResourceState("DmsAccessRole/ns/a", new OperatorMetrics.ResourceState("DmsAccessRole", true, "UpToDate"));
        metrics.recordResourceState("DmsAccessRole/ns/b", new OperatorMetrics.ResourceState("DmsAccessRole", true, "UpToDate"));
        metrics.recordResourceState("DmsAccessRole/ns/c", new OperatorMetrics.ResourceState("DmsAccessRole", false, "InvalidSpec"));
        metrics.recordResourceState("DmsAccessRole/ns/c", new OperatorMetrics.ResourceState("DmsAccessRole", true, "Created"));
        metrics.forgetResource("DmsAccessRole/ns/b");

        String body = get("/metrics").body();

        assertThat(body)
                .contains("# TYPE ramgrants_reconcile_seconds histogram")
                .contains("ramgrants_reconcile_seconds_bucket{kind=\"CrossAccountDtsGrant\",result=\"success\",le=\"0.1\"} 0")
                .contains("ramgrants_reconcile_seconds_bucket{kind=\"CrossAccountDtsGrant\",result=\"success\",le=\"0.25\"} 1")
                .contains("# TYPE ramgrants_ram_calls_seconds histogram")
                .contains("ramgrants_ram_calls_seconds_bucket{account=\"1234567890123456\",action=\"GetRole\","
                        + "result=\"success\",le=\"0.05\"} 1")
                .contains("ramgrants_drift_detected_total{field=\"trust\",kind=\"DmsAccessRole\",mode=\"Observe\"} 1.0")
                .contains("ramgrants_resources{kind=\"DmsAccessRole\",ready=\"true\",reason=\"UpToDate\"} 1.0")
                .contains("ramgrants_resources{kind=\"DmsAccessRole\",ready=\"true\",reason=\"Created\"} 1.0")
                .contains("ramgrants_resources{kind=\"DmsAccessRole\",ready=\"false\",reason=\"InvalidSpec\"} 0.0")
                .contains("ramgrants_reconcile_seconds_count{kind=\"CrossAccountDtsGrant\",result=\"success\"} 1")
                .contains("ramgrants_reconcile_seconds_sum{kind=\"CrossAccountDtsGrant\",result=\"success\"} 0.12")
                .contains("ramgrants_ram_calls_seconds_count{account=\"1234567890123456\",action=\"GetRole\","
                        + "result=\"success\"} 1")
                .contains("# TYPE ramgrants_drift_corrections_total counter")
                .contains("ramgrants_drift_corrections_total{field=\"trustPolicy\",kind=\"DmsAccessRole\"} 1.0")
                .contains("ramgrants_ratelimiter_wait_seconds_count{account=\"1234567890123456\"} 1");
    }

    @Test
    void healthzFollowsLiveness() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").body()).isEqualTo("ok\n");

        live.set(false);
        assertThat(get("/healthz").statusCode()).isEqualTo(503);

        live.set(true);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void readyzFollowsReadiness() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(503);

        ready.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").body()).isEqualTo("ok\n");
    }

    @Test
    void aThrowingCheckCountsAsNotOk() throws Exception {
        server.close();
        server = new ObservabilityServer(0, registry, () -> {
            throw new IllegalStateException("boom");
        }, () -> true).start();

        assertThat(get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void unknownPathsAndMethodsAreRejected() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        assertThat(get("/healthz/deep").statusCode()).isEqualTo(404);

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void portIsTheBoundEphemeralPortAndCloseReleasesIt() {
        int port = server.port();
        assertThat(port).isPositive();

        server.close();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> get("/healthz", port)).isInstanceOf(IOException.class);
    }

    @Test
    void rejectsAnInvalidPort() {
        assertThatThrownBy(() -> new ObservabilityServer(70000, registry, () -> true, () -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, server.port());
    }

    private static HttpResponse<String> get(String path, int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
