package io.ramgrants.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operator's observability endpoint: {@code /metrics} (Prometheus text format),
 * {@code /healthz} (liveness) and {@code /readyz} (readiness), on one port
 * (8080 in the Helm chart, named {@code http-metrics}).
 *
 * <p>Plain JDK HTTP server on a small daemon pool: scrapes and probes are rare and cheap,
 * and the server must keep answering while reconcilers are busy.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = ObservabilityServer.newPrometheusRegistry();
 * OperatorMetrics metrics = new OperatorMetrics(registry);
 * try (ObservabilityServer http = new ObservabilityServer(registry, () -> alive, () -> informersSynced).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class ObservabilityServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 8080;
    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final int requestedPort;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier live;
    private final BooleanSupplier ready;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param port  TCP port to listen on (all interfaces); 0 picks a free one, see {@link #port()}
     * @param live  liveness: false makes {@code /healthz} answer 503, so the kubelet restarts the pod
     * @param ready readiness: false makes {@code /readyz} answer 503 (e.g. informers not synced yet)
     */
    public ObservabilityServer(int port, PrometheusMeterRegistry registry, BooleanSupplier live, BooleanSupplier ready) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.requestedPort = port;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.live = Objects.requireNonNull(live, "live");
        this.ready = Objects.requireNonNull(ready, "ready");
    }

    /** On {@link #DEFAULT_PORT}, the port the Helm chart probes and scrapes. */
    public ObservabilityServer(PrometheusMeterRegistry registry, BooleanSupplier live, BooleanSupplier ready) {
        this(DEFAULT_PORT, registry, live, ready);
    }

    /** A Prometheus registry with the standard JVM and process binders (memory, GC, threads, classes, CPU, uptime). */
    public static PrometheusMeterRegistry newPrometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        // JvmGcMetrics holds GC notification listeners; the registry lives as long as the process.
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Binds the port and starts answering. Returns this for chaining. */
    public synchronized ObservabilityServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "observability-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", get(this::metrics));
        server.createContext("/healthz", get(exchange -> probe(exchange, live)));
        server.createContext("/readyz", get(exchange -> probe(exchange, ready)));
        server.start();
        return this;
    }

    /** The bound port (the ephemeral one when constructed with 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, registry.scrape());
    }

    private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean ok;
        try {
            ok = check.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ok\n");
    }

    /** Exact-path GET/HEAD only: {@code createContext} matches prefixes, so {@code /metricsfoo} must not scrape. */
    private static HttpHandler get(HttpHandler handler) {
        return exchange -> {
            try {
                String path = exchange.getRequestURI().getPath();
                String context = exchange.getHttpContext().getPath();
                if (!path.equals(context) && !path.equals(context + "/")) {
                    respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
                } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                } else {
                    handler.handle(exchange);
                }
            } finally {
                exchange.close();
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
