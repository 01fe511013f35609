package io.ramgrants.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.SecretRef;
import io.ramgrants.controller.Conditions;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * {@code bench --with-kube}: the whole operator as {@code run} assembles it, on fabric8's mock API
 * server in CRUD mode, converging the benchmark's grants through its controllers against the
 * same emulator. Informer caches and controller state count in the heap measured afterwards.
 */
final class KubeConvergence implements AutoCloseable {
    private static final String SECRETS_NAMESPACE = "ram-grants";
    private static final Duration POLL = Duration.ofMillis(500);
    /** Held strongly: java.util.logging forgets a logger's level once nothing references it. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final OperatorAssembly operator;

    private final Map<String, Long> readyAtNanos = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder apiRequests = new java.util.concurrent.atomic.LongAdder();

    KubeConvergence(RamClientSettings ram, OperatorSettings.Concurrency concurrency,
                    UnaryOperator<RamGateway> ramWrapper, java.nio.file.Path kubeconfig) {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        OperatorSettings settings = OperatorSettings.defaults(OperatorMetrics.discarding());
        if (kubeconfig == null) {
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                    new io.ramgrants.demo.ServerSideApplyCrudDispatcher(), true);
            server.init();
            client = counted(server.createClient().getConfiguration());
        } else {
            server = null;
            try {
                client = counted(io.fabric8.kubernetes.client.Config.fromKubeconfig(
                        java.nio.file.Files.readString(kubeconfig)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (String ns : List.of(SECRETS_NAMESPACE, BenchWorkload.NAMESPACE)) {
                client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
            }
        }
        // Resync far beyond the run: the measured resyncs are the benchmark's own passes.
        settings = settings.withResync(Duration.ofHours(1), Duration.ofSeconds(1)).withRam(ram)
                .withConcurrency(concurrency);
        operator = new OperatorAssembly(client, settings, ramWrapper);
        operator.start();
    }

    /** A client counting every HTTP request it sends (the bench's own polls included). */
    private KubernetesClient counted(io.fabric8.kubernetes.client.Config config) {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("bench-count",
                        new io.fabric8.kubernetes.client.http.Interceptor() {
                            @Override
                            public void before(io.fabric8.kubernetes.client.http.BasicBuilder builder,
                                               io.fabric8.kubernetes.client.http.HttpRequest request,
                                               io.fabric8.kubernetes.client.http.Interceptor.RequestTags tags) {
                                apiRequests.increment();
                            }
                        }))
                .build();
    }

    /** HTTP requests sent to the API server so far (watch connections count once). */
    long apiRequests() {
        return apiRequests.sum();
    }

    /** Creates the accounts and waits until each is Ready; not part of the measured time. */
    void createAccounts(List<BenchAccount> accounts, String emulatorEndpoint, Duration timeout) {
        for (BenchAccount account : accounts) {
            client.secrets().resource(new SecretBuilder()
                    .withNewMetadata().withNamespace(SECRETS_NAMESPACE).withName(account.name() + "-keys").endMetadata()
                    .withData(Map.of("accessKeyId", base64(account.accessKeyId()),
                            "accessKeySecret", base64(account.accessKeySecret())))
                    .build()).create();
            client.resource(accountResource(account, emulatorEndpoint)).create();
        }
        waitUntil(() -> accounts.stream().allMatch(a -> operator.accounts().isReady(a.name())), timeout,
                "accounts Ready");
    }

    /** Creates every grant and returns once all report Ready=True; false on timeout. */
    boolean converge(List<BenchGrant> grants, Duration timeout) {
        grants.forEach(g -> client.resource(g.resource()).create());
        try {
            waitUntil(() -> readyGrants() >= grants.size(), timeout, "grants Ready");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    int readyGrants() {
        return ready(CrossAccountDtsGrant.class) + ready(DmsRegistrationRole.class) + ready(DmsAccessRole.class);
    }

    /** When each grant ({@code kind/name}) was first seen Ready, by {@link System#nanoTime()}, to the poll. */
    Map<String, Long> readyAtNanos() {
        return Map.copyOf(readyAtNanos);
    }

    static String key(HasMetadata grant) {
        return grant.getKind() + "/" + grant.getMetadata().getName();
    }

    private <R extends CustomResource<?, GrantStatus>> int ready(Class<R> kind) {
        long now = System.nanoTime();
        List<R> ready = client.resources(kind).inNamespace(BenchWorkload.NAMESPACE).list().getItems().stream()
                .filter(r -> r.getStatus() != null && Conditions.isTrue(r.getStatus().conditions, Conditions.READY))
                .toList();
        ready.forEach(r -> readyAtNanos.putIfAbsent(key(r), now));
        return ready.size();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static HasMetadata accountResource(BenchAccount account, String endpoint) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = account.accountId();
        spec.credentials = new AccountCredentials();
        spec.credentials.secretRef = new SecretRef();
        spec.credentials.secretRef.name = account.name() + "-keys";
        spec.credentials.secretRef.namespace = SECRETS_NAMESPACE;
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = endpoint;
        spec.endpoint.sts = endpoint;
        AlibabaCloudAccount resource = new AlibabaCloudAccount();
        resource.setMetadata(new ObjectMetaBuilder().withName(account.name()).build());
        resource.setSpec(spec);
        return resource;
    }

    private static String base64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        operator.close();
        client.close();
        if (server != null) {
            server.destroy();
        }
    }
}
