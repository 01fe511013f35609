package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.accounts.RamGatewaySource;
import io.ramgrants.accounts.StsGatewayFactory;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The account controller on the real JOSDK operator against fabric8's mock API server in CRUD
 * mode (status by server-side apply, as {@code run} writes it), plus the helpers the end-to-end tests share. Every status a test looks at is recorded,
 * so a test can assert that no secret ever appeared in one.
 */
final class AccountOperatorHarness implements AutoCloseable {
    static final String NAMESPACE = "ops";

    final KubernetesMockServer server;
    final KubernetesClient client;
    final Operator operator;
    final AccountController accounts;
    final List<String> statusesSeen = new CopyOnWriteArrayList<>();
    final List<String> registryChanges = new CopyOnWriteArrayList<>();

    AccountOperatorHarness(StsGatewayFactory sts, RamGatewaySource ram) {
        this(sts, ram, AccountGuards.defaults(new CredentialEnvironment(Map.of())));
    }

    AccountOperatorHarness(StsGatewayFactory sts, RamGatewaySource ram, AccountGuards guards) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new io.ramgrants.demo.ServerSideApplyCrudDispatcher(), true);
        server.init();
        client = server.createClient();
        accounts = new AccountController(client, sts, ram, new CredentialEnvironment(Map.of()),
                new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5),
                Clock.systemUTC(), guards, (regarding, type, reason, message) -> { });
        accounts.registry().addListener(registryChanges::add);
        // Status by server-side apply, as run writes it (the mock answers it: ServerSideApplyCrudDispatcher).
        operator = new Operator(settings -> settings.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(true));
        accounts.register(operator);
        operator.start();
    }

    @Override
    public void close() {
        operator.stop();
        accounts.close();
        client.close();
        server.destroy();
    }

    void deleteAllAccounts() {
        client.resources(AlibabaCloudAccount.class).delete();
    }

    void create(String name, AlibabaCloudAccountSpec spec) {
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(spec);
        client.resource(account).create();
    }

    /** Creates the Secret, or replaces its keys. */
    void putSecret(String name, String accessKeyId, String accessKeySecret) {
        Secret secret = new SecretBuilder()
                .withNewMetadata().withNamespace(NAMESPACE).withName(name).endMetadata()
                .withData(Map.of("accessKeyId", base64(accessKeyId), "accessKeySecret", base64(accessKeySecret)))
                .build();
        client.secrets().resource(secret).createOr(existing -> existing.update());
    }

    /** A Secret change that leaves the keys as they are. */
    void touchSecret(String name) {
        Secret secret = client.secrets().inNamespace(NAMESPACE).withName(name).get();
        secret.getMetadata().setAnnotations(Map.of("touched", String.valueOf(System.nanoTime())));
        client.secrets().resource(secret).update();
    }

    AlibabaCloudAccount get(String name) {
        return client.resources(AlibabaCloudAccount.class).withName(name).get();
    }

    /** Waits until the account's Ready condition carries {@code reason}, and returns the account. */
    AlibabaCloudAccount awaitReason(String name, AccountReason reason) {
        List<AlibabaCloudAccount> found = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            AlibabaCloudAccount account = get(name);
            if (account == null || account.getStatus() == null) {
                return false;
            }
            statusesSeen.add(Serialization.asJson(account.getStatus()));
            Condition ready = Conditions.find(account.getStatus().conditions, Conditions.READY).orElse(null);
            if (ready != null && reason.name().equals(ready.getReason())) {
                found.add(account);
                return true;
            }
            return false;
        });
        return found.get(0);
    }

    static Condition condition(AlibabaCloudAccount account, String type) {
        return Conditions.find(account.getStatus().conditions, type).orElseThrow();
    }

    /** Neither a secret, a token nor a request ID in the account or any status seen so far. */
    void assertNoSecretsIn(AlibabaCloudAccount account) {
        assertThat(Serialization.asJson(account)).doesNotContain("DO-NOT-LEAK").doesNotContain("REQUEST-ID");
        assertThat(statusesSeen).noneMatch(s -> s.contains("DO-NOT-LEAK") || s.contains("REQUEST-ID")
                || s.contains("RequestId"));
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
