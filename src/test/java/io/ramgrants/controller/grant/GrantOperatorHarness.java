package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.SecretRef;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.ReverificationSchedule;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.realkube.Cluster;
import io.ramgrants.realkube.RealApiServer;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import io.ramgrants.testing.TeeOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import io.ramgrants.engine.batch.ObservationSettings;

/**
 * The whole operator, assembled as {@code run} assembles it, against fabric8's mock API server
 * in CRUD mode and the RAM/STS emulator standing in for Alibaba Cloud. Every status a test
 * looks at and all log output are kept, so a test can prove no secret ever showed.
 */
final class GrantOperatorHarness implements AutoCloseable {
    static final String NAMESPACE = "team-a";
    static final String SECRETS_NAMESPACE = "ram-grants";
    /** Instance owner A, instance owner B, the DTS task account, and an account no grant shares. */
    static final String A = "1111111111111111";
    static final String B = "2222222222222222";
    static final String TASK = "3333333333333333";
    static final String LONER = "4444444444444444";
    static final String SECRET_MARK = "SECRET-DO-NOT-LEAK";
    /** The AccessKey of RAM user alice in account A (AliyunRAMFullAccess): a person editing RAM out of band. */
    static final String CONSOLE_A = "LTAI5tConsoleUserAabcd";

    final RamEmulator emulator;
    final KubernetesMockServer server;
    final KubernetesClient client;
    final OperatorMetrics metrics = OperatorMetrics.discarding();
    /** Replaced by {@link #restartOperator}: a new process with empty caches against the same cluster and RAM. */
    volatile OperatorAssembly operator;
    private OperatorSettings settings;
    /** The operator's own client when it differs from {@link #client} (real server: the chart's ServiceAccount). */
    private KubernetesClient operatorClient;
    /** The client the operator runs with (restarts keep it). */
    private KubernetesClient startClient;
    final List<String> statusesSeen = new CopyOnWriteArrayList<>();
    /** PATCH requests (by path and body) the mock API server refuses with 403 (mock server only): a failing write. */
    volatile java.util.function.BiPredicate<String, String> refusedPatches = (path, body) -> false;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;

    /** The mock server logs every request through java.util.logging; only its warnings matter here. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    private final java.util.logging.Handler logCapture =
            new java.util.logging.StreamHandler(logs, io.ramgrants.runtime.LogFormat.TEXT.formatter()) {
                @Override
                public synchronized void publish(java.util.logging.LogRecord record) {
                    super.publish(record);
                    flush();
                }
            };

    GrantOperatorHarness(Duration resync) {
        this(resync, UnaryOperator.identity());
    }

    /** {@code tuning} adjusts the settings the harness would otherwise use. */
    GrantOperatorHarness(Duration resync, UnaryOperator<OperatorSettings> tuning) {
        this(resync, tuning, null);
    }

    /**
     * On the real API server of the real-server tier: the test writes as cluster admin, the operator
     * runs as {@code run} does (server-side apply status) with the chart's ServiceAccount and RBAC,
     * by impersonation.
     */
    static GrantOperatorHarness onRealServer(Duration resync) {
        return onRealServer(resync, UnaryOperator.identity());
    }

    /** {@link #onRealServer(Duration)} with the operator's settings tuned (e.g. a short drift event poll). */
    static GrantOperatorHarness onRealServer(Duration resync, UnaryOperator<OperatorSettings> tuning) {
        RealApiServer server = Cluster.withChart();
        KubernetesClient admin = server.admin();
        for (String ns : List.of(NAMESPACE, SECRETS_NAMESPACE)) {
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        }
        return new GrantOperatorHarness(resync, tuning, server);
    }

    private GrantOperatorHarness(Duration resync, UnaryOperator<OperatorSettings> tuning, RealApiServer real) {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("").addHandler(logCapture);
        System.setErr(new PrintStream(new TeeOutputStream(originalErr, logs), true, StandardCharsets.UTF_8));
        emulator = RamEmulator.start(EmulatorConfig.builder()
                .account(A, "LTAI-a", secret("a"))
                .user(A, "alice", CONSOLE_A, secret("console-a"), "AliyunRAMFullAccess")
                .account(B, "LTAI-b", secret("b"))
                .account(TASK, "LTAI-task", secret("task"))
                // RAM-user key for AssumeRole chains: STS refuses root keys.
                .user(TASK, "ram-grant-operator", "LTAI-task-user", secret("task-user"), "AliyunSTSAssumeRoleAccess")
                .account(LONER, "LTAI-loner", secret("loner"))
                .build(), 0);
        OperatorSettings settings = OperatorSettings.defaults(metrics);
        KubernetesClient operatorClient;
        if (real == null) {
            // Status by server-side apply, as run writes it, on a mock that answers it.
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                    new io.ramgrants.demo.ServerSideApplyCrudDispatcher() {
                        @Override
                        public MockResponse handlePatch(RecordedRequest request) {
                            // getBytes, not getUtf8Body: that reads the body away from the dispatcher.
                            String body = request.getBody() == null ? ""
                                    : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
                            if (refusedPatches.test(request.getPath(), body)) {
                                // 403, not 5xx: the client would retry a 5xx with backoff for many seconds.
                                return new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\","
                                        + "\"code\":403,\"reason\":\"Forbidden\",\"message\":\"refused by the test\"}");
                            }
                            return super.handlePatch(request);
                        }
                    }, true);
            server.init();
            client = server.createClient();
            operatorClient = client;
        } else {
            server = null;
            client = real.client(UnaryOperator.identity());
            operatorClient = real.as(Cluster.OPERATOR_USER, "system:serviceaccounts",
                    "system:serviceaccounts:" + Cluster.NAMESPACE, "system:authenticated");
            this.operatorClient = operatorClient;
        }
        settings = settings
                .withResync(resync, Duration.ofMillis(200))
                .withRam(RamClientSettings.defaults().withQps(200)
                        .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(40)))
                .withAccountSchedule(new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofMillis(100),
                        Duration.ofSeconds(1), Math::random));
        this.settings = tuning.apply(settings);
        this.startClient = operatorClient;
        operator = new OperatorAssembly(operatorClient, this.settings);
        operator.start();
    }

    /** Stops the operator, runs {@code whileDown} (e.g. a spec change), starts a fresh operator. */
    void restartOperator(Runnable whileDown) {
        restart(UnaryOperator.identity(), UnaryOperator.identity(), whileDown);
    }

    /** {@link #restartOperator(Runnable)} with the new process's settings changed (e.g. a flag turned off). */
    void restartOperator(Runnable whileDown, UnaryOperator<OperatorSettings> retune) {
        restart(retune, UnaryOperator.identity(), whileDown);
    }

    /** {@link #restartOperator(Runnable)} into a process whose RAM gateways {@code ramWrapper} wraps (e.g. one that dies). */
    void restartOperator(UnaryOperator<io.ramgrants.ram.RamGateway> ramWrapper, Runnable whileDown) {
        restart(UnaryOperator.identity(), ramWrapper, whileDown);
    }

    private void restart(UnaryOperator<OperatorSettings> retune, UnaryOperator<io.ramgrants.ram.RamGateway> ramWrapper,
                         Runnable whileDown) {
        operator.close();
        whileDown.run();
        settings = retune.apply(settings);
        operator = new OperatorAssembly(startClient, settings, ramWrapper);
        operator.start();
    }

    private static String base64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String secret(String account) {
        return SECRET_MARK + "-" + account;
    }

    @Override
    public void close() {
        operator.close();
        client.close();
        if (operatorClient != null) {
            operatorClient.close();
        }
        if (server != null) {
            server.destroy();
        }
        emulator.close();
        System.setErr(originalErr);
        java.util.logging.Logger.getLogger("").removeHandler(logCapture);
    }

    // ---- accounts -------------------------------------------------------------------------

    /** An AlibabaCloudAccount reaching the emulator with the account's AccessKey from a Secret. */
    void account(String name, String accountId, String accessKeyId, String accessKeySecret,
                 List<String> allowedNamespaces, List<String> trustableAccounts) {
        client.secrets().resource(new SecretBuilder()
                .withNewMetadata().withNamespace(SECRETS_NAMESPACE).withName(name + "-keys").endMetadata()
                .withData(Map.of("accessKeyId", base64(accessKeyId), "accessKeySecret", base64(accessKeySecret)))
                .build()).createOr(existing -> existing.update());
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = accountId;
        spec.credentials = new AccountCredentials();
        spec.credentials.secretRef = new SecretRef();
        spec.credentials.secretRef.name = name + "-keys";
        spec.credentials.secretRef.namespace = SECRETS_NAMESPACE;
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = emulator.endpoint();
        spec.endpoint.sts = emulator.endpoint();
        spec.allowedNamespaces = new ArrayList<>(allowedNamespaces);
        spec.trustableAccounts = new ArrayList<>(trustableAccounts);
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(spec);
        // An account another class on the same (real) server made already: apply the spec server-side, which
        // needs no resourceVersion, so the operator's status writes in between cannot make it a conflict.
        client.resource(account).createOr(existing -> client.resource(account).fieldManager("test-harness")
                .forceConflicts().serverSideApply());
    }

    void account(String name, String accountId, String accessKeyId, String accessKeySecret) {
        account(name, accountId, accessKeyId, accessKeySecret, List.of(), List.of());
    }

    /** Settings tuning: the operator reads RAM write events ({@code events}) and observes RAM in {@code mode}. */
    static UnaryOperator<OperatorSettings> readingDriftEvents(ObservationMode mode, DriftEventSettings events) {
        return settings -> settings.withObservation(ObservationSettings.defaults().withMode(mode).withDriftEvents(events));
    }

    /** {@code acct-a}: account A with its root key, able to trust B and TASK; Ready. */
    void accountAReady() {
        account("acct-a", A, "LTAI-a", secret("a"), List.of(), List.of(B, TASK));
        awaitAccountReady("acct-a");
    }

    /** RAM user alice of account A at the console (AliyunRAMFullAccess), calling from 203.0.113.5. */
    RamConsole aliceFromTheConsole() {
        emulator.sourceAddress(CONSOLE_A, "203.0.113.5");
        return new RamConsole(emulator, CONSOLE_A, secret("console-a"));
    }

    void awaitAccountReady(String name) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> operator.accounts().isReady(name));
    }

    // ---- grants ---------------------------------------------------------------------------

    <R extends CustomResource<?, GrantStatus>> R create(R grant) {
        if (grant.getMetadata().getNamespace() == null) {
            grant.getMetadata().setNamespace(NAMESPACE);
        }
        return client.resource(grant).create();
    }

    <R extends CustomResource<?, GrantStatus>> R get(R grant) {
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) grant.getClass();
        R current = client.resources(type).inNamespace(namespaceOf(grant)).withName(grant.getMetadata().getName()).get();
        if (current != null && current.getStatus() != null) {
            statusesSeen.add(Serialization.asJson(current.getStatus()));
        }
        return current;
    }

    /** Applies {@code change} to the stored resource and updates it. */
    /**
     * Read, change, update, as kubectl edit does: a 409 means the operator wrote status in
     * between, so the change is applied again to the fresh object.
     */
    <R extends CustomResource<?, GrantStatus>> R edit(R grant, java.util.function.Consumer<R> change) {
        for (int attempt = 1; ; attempt++) {
            R current = get(grant);
            change.accept(current);
            try {
                return client.resource(current).update();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Waits until the grant's Ready condition has {@code reason} (and the given status), returns the grant. */
    <R extends CustomResource<?, GrantStatus>> R awaitReason(R grant, String reason) {
        return awaitGrant(grant, g -> reason.equals(ready(g).getReason()), "Ready reason " + reason);
    }

    <R extends CustomResource<?, GrantStatus>> R awaitGrant(R grant, Predicate<R> condition, String what) {
        List<R> found = new ArrayList<>(1);
        await(what + " of " + grant.getMetadata().getName()).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    R current = get(grant);
                    if (current != null && current.getStatus() != null && condition.test(current)) {
                        found.add(current);
                        return true;
                    }
                    return false;
                });
        return found.get(0);
    }

    <R extends CustomResource<?, GrantStatus>> void awaitGone(R grant) {
        await("deletion of " + grant.getMetadata().getName()).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> get(grant) == null);
    }

    <R extends CustomResource<?, GrantStatus>> void delete(R grant) {
        client.resource(get(grant)).delete();
    }

    static Condition ready(CustomResource<?, GrantStatus> grant) {
        return condition(grant, Conditions.READY);
    }

    static Condition condition(CustomResource<?, GrantStatus> grant, String type) {
        return Conditions.find(grant.getStatus().conditions, type)
                .orElse(new ConditionBuilder().withType(type).withStatus("Absent").build());
    }

    List<Event> events(String grantName) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> grantName.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    List<String> eventReasons(String grantName) {
        return events(grantName).stream().map(Event::getReason).toList();
    }

    // ---- RAM --------------------------------------------------------------------------------

    /** Calls served by the emulator for one account, by action. */
    Map<String, Long> calls(String accountId) {
        return emulator.callCounts().getOrDefault(accountId, Map.of());
    }

    /** RAM write calls served for one account. */
    long writes(String accountId) {
        return calls(accountId).entrySet().stream()
                .filter(e -> !e.getKey().startsWith("Get") && !e.getKey().startsWith("List"))
                .filter(e -> !e.getKey().equals("GetCallerIdentity") && !e.getKey().startsWith("AssumeRole"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Neither a secret value in any status seen, any event, the stored resources nor the log. */
    void assertNoSecretLeaked() {
        assertThat(statusesSeen).isNotEmpty().noneMatch(s -> s.contains(SECRET_MARK));
        assertThat(Serialization.asJson(client.v1().events().inAnyNamespace().list())).doesNotContain(SECRET_MARK);
        assertThat(logs.toString(StandardCharsets.UTF_8)).isNotEmpty().doesNotContain(SECRET_MARK);
    }

    String logOutput() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    private static String namespaceOf(CustomResource<?, ?> grant) {
        return grant.getMetadata().getNamespace() == null ? NAMESPACE : grant.getMetadata().getNamespace();
    }
}
