package io.ramgrants.reliability;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.ReverificationSchedule;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * fabric8's mock API server in CRUD mode, standing in for the cluster, with helpers to
 * declare accounts and grants and to wait for conditions. Operators are started against it
 * with their own clients, so two of them can share one cluster.
 */
final class MockCluster implements AutoCloseable {
    /** The mock server logs every request through java.util.logging; only warnings matter. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
    static final Duration WAIT = Duration.ofSeconds(30);

    final KubernetesMockServer server;
    final KubernetesClient client;
    private final List<OperatorAssembly> operators = new ArrayList<>();
    private final List<KubernetesClient> operatorClients = new ArrayList<>();

    MockCluster() {
        this(false);
    }

    /**
     * @param acceptServerSideApply answer applies as the one field manager an operator is (see
     *                              {@code ServerSideApplyCrudDispatcher}) instead of with 415, for a
     *                              process that runs as {@code run} does, with SSA status writes
     */
    MockCluster(boolean acceptServerSideApply) {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMixedDispatcher mixed = new KubernetesMixedDispatcher(expectations);
        io.fabric8.mockwebserver.http.Dispatcher dispatcher = !acceptServerSideApply ? mixed
                : new io.fabric8.mockwebserver.http.Dispatcher() {
                    @Override
                    public io.fabric8.mockwebserver.http.MockResponse dispatch(
                            io.fabric8.mockwebserver.http.RecordedRequest request) {
                        return mixed.dispatch(io.ramgrants.demo.ServerSideApplyCrudDispatcher.asPlainPatch(request));
                    }
                };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, true);
        server.init();
        client = server.createClient();
        allowLeases();
    }

    /**
     * JOSDK asks a SelfSubjectRulesReview whether it may use Leases before it elects a leader;
     * the CRUD mock cannot answer one, so this cluster's RBAC says yes.
     */
    private void allowLeases() {
        SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder().withNewMetadata().endMetadata()
                .withNewStatus().addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                .withVerbs("create", "update", "get").endResourceRule().withIncomplete(false).endStatus().build();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, review).always();
    }

    /**
     * Test settings: status without server-side apply (the mock answers SSA with 415), short resync,
     * tiny RAM retry delays, quick account checks.
     */
    static OperatorSettings settings(OperatorMetrics metrics, Duration resync) {
        return OperatorSettings.defaults(metrics)
                .withServerSideApply(false)
                .withResync(resync, Duration.ofMillis(100))
                .withRam(EmulatorGateways.FAST_RETRIES)
                .withAccountSchedule(new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofMillis(100),
                        Duration.ofSeconds(1), Math::random));
    }

    /** User-Agent of the operators' clients, telling their requests from the test's own. */
    static final String OPERATOR_USER_AGENT = "ram-grant-operator-under-test";

    /** Builds and starts an operator on its own client of this cluster; closed with the cluster. */
    OperatorAssembly startOperator(OperatorSettings settings) {
        KubernetesClient own = server.createClient(b -> b.editOrNewConfig().withUserAgent(OPERATOR_USER_AGENT)
                .endConfig());
        OperatorAssembly operator = new OperatorAssembly(own, settings);
        operators.add(operator);
        operatorClients.add(own);
        operator.start();
        return operator;
    }

    void stop(OperatorAssembly operator) {
        operator.close();
    }

    @Override
    public void close() {
        operators.forEach(o -> {
            try {
                o.close();
            } catch (RuntimeException e) {
                // already stopped
            }
        });
        operatorClients.forEach(KubernetesClient::close);
        client.close();
        server.destroy();
    }

    // ---- accounts ---------------------------------------------------------------------------

    void secret(String namespace, String name, Map<String, String> data) {
        client.secrets().resource(new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .endMetadata().withStringData(data).build()).createOr(existing -> existing.update());
    }

    /** Fleet account i with its Secret holding the emulator key. */
    void fleetAccount(int i, String endpoint, String secretMark) {
        fleetAccount(Fleet.account(i, endpoint), i, secretMark);
    }

    void fleetAccount(AlibabaCloudAccount account, int i, String secretMark) {
        secret(Fleet.SECRETS_NAMESPACE, Fleet.secretName(i), Map.of("accessKeyId", Fleet.accessKeyId(i),
                "accessKeySecret", Fleet.accessKeySecret(secretMark, i)));
        client.resource(account).createOr(existing -> existing.update());
    }

    AlibabaCloudAccount account(String name) {
        return client.resources(AlibabaCloudAccount.class).withName(name).get();
    }

    Optional<Condition> accountReady(String name) {
        AlibabaCloudAccount account = account(name);
        return account == null || account.getStatus() == null ? Optional.empty()
                : Conditions.find(account.getStatus().conditions, Conditions.READY);
    }

    void awaitAccount(String name, Predicate<Condition> condition) {
        await("account " + name).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> accountReady(name).filter(condition).isPresent());
    }

    void awaitAccountReady(String name) {
        awaitAccount(name, c -> Conditions.TRUE.equals(c.getStatus()));
    }

    // ---- grants -----------------------------------------------------------------------------

    <R extends CustomResource<?, GrantStatus>> R create(R grant) {
        return client.resource(grant).create();
    }

    <R extends CustomResource<?, GrantStatus>> R get(R grant) {
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) grant.getClass();
        return client.resources(type).inNamespace(grant.getMetadata().getNamespace())
                .withName(grant.getMetadata().getName()).get();
    }

    static Condition ready(CustomResource<?, GrantStatus> grant) {
        return grant == null || grant.getStatus() == null ? null
                : Conditions.find(grant.getStatus().conditions, Conditions.READY).orElse(null);
    }

    /** Waits until the grant's Ready condition satisfies {@code test}; returns that condition. */
    <R extends CustomResource<?, GrantStatus>> Condition awaitReady(R grant, Predicate<Condition> test, String what) {
        List<Condition> seen = new ArrayList<>(1);
        await(what + " of " + grant.getMetadata().getName()).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Condition ready = ready(get(grant));
                    if (ready != null && test.test(ready)) {
                        seen.add(ready);
                        return true;
                    }
                    return false;
                });
        return seen.get(0);
    }

    <R extends CustomResource<?, GrantStatus>> Condition awaitReason(R grant, String reason) {
        return awaitReady(grant, c -> reason.equals(c.getReason()), "Ready reason " + reason);
    }

    <R extends CustomResource<?, GrantStatus>> Condition awaitTrue(R grant) {
        return awaitReady(grant, c -> Conditions.TRUE.equals(c.getStatus()), "Ready=True");
    }

    List<Event> events(HasMetadata about) {
        String namespace = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> about.getMetadata().getName().equals(e.getInvolvedObject().getName()))
                .toList();
    }
}
