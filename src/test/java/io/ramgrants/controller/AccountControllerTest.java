package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.IdOnlyRamGateway;
import io.ramgrants.accounts.AccountSpecs;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.accounts.FakeSts;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.ram.RamErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account controller on the real JOSDK operator against fabric8's mock API server (CRUD mode) and a fake STS. */
class AccountControllerTest {
    static final String HUB = "1000000000000001";
    static final String TARGET = "2000000000000002";
    static final String HUB_SECRET = "SECRET-DO-NOT-LEAK-hub";

    // One operator for the class (starting one costs seconds); each test uses its own names.
    static KubernetesMockServer server;
    static KubernetesClient client;
    static Operator operator;
    static AccountController accounts;
    static final FakeSts sts = new FakeSts(Clock.systemUTC())
            .accessKey(HUB, "LTAI-hub", HUB_SECRET)
            .role(TARGET, "operator", HUB);
    static final List<String> registryChanges = new CopyOnWriteArrayList<>();
    static final AtomicInteger testNumber = new AtomicInteger();

    final List<String> statusesSeen = new CopyOnWriteArrayList<>();
    String hubName;
    String targetName;
    String hubKeys;

    @BeforeAll
    static void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), true);
        server.init();
        client = server.createClient();
        accounts = new AccountController(client, sts, (id, endpoint, credentials) -> IdOnlyRamGateway.of(id),
                new CredentialEnvironment(Map.of()),
                new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5),
                Clock.systemUTC());
        accounts.registry().addListener(registryChanges::add);
        operator = Operators.create(client, Operators.StatusPatch.MERGE_PATCH);
        accounts.register(operator);
        operator.start();
    }

    @AfterAll
    static void stop() {
        operator.stop();
        accounts.close();
        client.close();
        server.destroy();
    }

    @BeforeEach
    void names() {
        int n = testNumber.incrementAndGet();
        hubName = "hub-" + n;
        targetName = "target-" + n;
        hubKeys = "hub-keys-" + n;
    }

    @AfterEach
    void deleteAccounts() {
        client.resources(AlibabaCloudAccount.class).delete();
    }

    @Test
    void accountWithAValidSecretBecomesReady() {
        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        AlibabaCloudAccount hub = awaitReason(hubName, AccountReason.Verified);

        assertThat(hub.getStatus().verifiedIdentity).isEqualTo("acs:ram::" + HUB + ":root");
        assertThat(hub.getSpec().accountId).as("the status patch leaves the spec alone").isEqualTo(HUB);
        assertThat(hub.getStatus().observedGeneration).isEqualTo(hub.getMetadata().getGeneration());
        assertThat(hub.getStatus().conditions).singleElement().satisfies(ready -> {
            assertThat(ready.getType()).isEqualTo("Ready");
            assertThat(ready.getStatus()).isEqualTo("True");
            assertThat(ready.getLastTransitionTime()).isNotNull();
        });
        assertThat(accounts.registry().isReady(hubName)).isTrue();
        assertNoSecretsIn(hub);
    }

    @Test
    void wrongKeyIsStalledWithAccessDenied() {
        createSecret(hubKeys, "LTAI-hub", "SECRET-DO-NOT-LEAK-wrong");
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        AlibabaCloudAccount hub = awaitReason(hubName, AccountReason.StsAccessDenied);

        assertThat(condition(hub, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(hub, "Stalled").getStatus()).isEqualTo("True");
        assertThat(condition(hub, "Ready").getMessage()).contains("SignatureDoesNotMatch");
        assertThat(hub.getStatus().verifiedIdentity).isNull();
        assertThat(accounts.registry().isReady(hubName)).isFalse();
        assertNoSecretsIn(hub);
    }

    @Test
    void mismatchedAccountIdIsIdentityMismatch() {
        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(TARGET, "ops", hubKeys));

        AlibabaCloudAccount hub = awaitReason(hubName, AccountReason.IdentityMismatch);

        assertThat(condition(hub, "Ready").getMessage()).contains("belong to account " + HUB);
    }

    @Test
    void invalidSpecIsStalledWithoutCallingSts() {
        long verifications = sts.calls("GetCallerIdentity");
        create(hubName, AccountSpecs.withSecret("not-numeric", "ops", hubKeys));

        AlibabaCloudAccount hub = awaitReason(hubName, AccountReason.InvalidSpec);

        assertThat(condition(hub, "Ready").getMessage()).contains("spec.accountId");
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(verifications);
    }

    @Test
    void secretCreatedLaterMakesTheAccountReady() {
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        awaitReason(hubName, AccountReason.SecretNotFound);

        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);

        awaitReason(hubName, AccountReason.Verified);
    }

    @Test
    void updatedSecretIsVerifiedAgain() {
        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        awaitReason(hubName, AccountReason.Verified);

        createSecret(hubKeys, "LTAI-hub", "SECRET-DO-NOT-LEAK-revoked");
        awaitReason(hubName, AccountReason.StsAccessDenied);

        sts.accessKey(HUB, "LTAI-hub-2", "SECRET-DO-NOT-LEAK-rotated");
        createSecret(hubKeys, "LTAI-hub-2", "SECRET-DO-NOT-LEAK-rotated");
        AlibabaCloudAccount hub = awaitReason(hubName, AccountReason.Verified);

        assertThat(accounts.registry().byName(hubName).orElseThrow().credentials().credentials().accessKeyId())
                .isEqualTo("LTAI-hub-2");
        assertNoSecretsIn(hub);
    }

    @Test
    void unchangedObservationWritesNoStatus() {
        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        AlibabaCloudAccount before = awaitReason(hubName, AccountReason.Verified);
        long verifications = sts.calls("GetCallerIdentity");

        touchSecret();
        await().atMost(Duration.ofSeconds(10)).until(() -> sts.calls("GetCallerIdentity") > verifications);

        AlibabaCloudAccount after = get(hubName);
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(condition(after, "Ready").getLastTransitionTime())
                .isEqualTo(condition(before, "Ready").getLastTransitionTime());
    }

    @Test
    void transientFailureWhileReverifyingKeepsAVerifiedAccountReady() {
        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        AlibabaCloudAccount verified = awaitReason(hubName, AccountReason.Verified);
        List<String> changesBefore = List.copyOf(registryChanges);
        for (int i = 0; i < 3; i++) { // backoff 100 + 200 + 400 ms: long enough to observe
            sts.failNext("GetCallerIdentity", RamErrorKind.THROTTLED, "Throttling.User");
        }

        touchSecret();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            AlibabaCloudAccount account = get(hubName);
            return Conditions.isTrue(account.getStatus().conditions, "Ready")
                    && Conditions.isTrue(account.getStatus().conditions, "Reconciling")
                    && condition(account, "Reconciling").getReason().equals("StsUnavailable");
        });
        assertThat(accounts.registry().isReady(hubName)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(hubName).getStatus().conditions.size() == 1);
        assertThat(condition(get(hubName), "Ready").getLastTransitionTime())
                .isEqualTo(condition(verified, "Ready").getLastTransitionTime());
        assertThat(registryChanges).as("grants are not disturbed").isEqualTo(changesBefore);
        assertNoSecretsIn(get(hubName));
    }

    @Test
    void assumeRoleWaitsForTheViaAccountAndThenWorks() {
        long exchanges = sts.calls("AssumeRole");
        create(targetName, AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "operator"), hubName));
        AlibabaCloudAccount waiting = awaitReason(targetName, AccountReason.ViaAccountNotReady);
        assertThat(condition(waiting, "Reconciling").getStatus()).isEqualTo("True");

        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        AlibabaCloudAccount target = awaitReason(targetName, AccountReason.Verified);
        assertThat(target.getStatus().verifiedIdentity)
                .isEqualTo("acs:ram::" + TARGET + ":assumed-role/operator/ram-grant-operator");
        assertThat(sts.calls("AssumeRole")).isEqualTo(exchanges + 1);
        assertNoSecretsIn(target);
    }

    @Test
    void transientStsFailuresAreRetriedWithBackoff() {
        long verifications = sts.calls("GetCallerIdentity");
        sts.failNext("GetCallerIdentity", RamErrorKind.THROTTLED, "Throttling.User")
                .failNext("GetCallerIdentity", RamErrorKind.TRANSIENT, "ServiceUnavailable");
        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        awaitReason(hubName, AccountReason.Verified);

        assertThat(sts.calls("GetCallerIdentity")).isGreaterThanOrEqualTo(verifications + 3);
        assertThat(statusesSeen).anyMatch(s -> s.contains("StsUnavailable"));
    }

    @Test
    void deletedAccountLeavesTheRegistry() {
        createSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        awaitReason(hubName, AccountReason.Verified);

        client.resources(AlibabaCloudAccount.class).withName(hubName).delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> accounts.registry().byName(hubName).isEmpty());
        assertThat(registryChanges).contains(hubName);
        assertThat(get(hubName)).isNull();
    }

    private void create(String name, AlibabaCloudAccountSpec spec) {
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(spec);
        client.resource(account).create();
    }

    private void createSecret(String name, String accessKeyId, String accessKeySecret) {
        Secret secret = new SecretBuilder()
                .withNewMetadata().withNamespace("ops").withName(name).endMetadata()
                .withData(Map.of("accessKeyId", base64(accessKeyId), "accessKeySecret", base64(accessKeySecret)))
                .build();
        client.secrets().resource(secret).createOr(existing -> existing.update());
    }

    /** A Secret change that leaves the keys as they are. */
    private void touchSecret() {
        Secret secret = client.secrets().inNamespace("ops").withName(hubKeys).get();
        secret.getMetadata().setAnnotations(Map.of("touched", String.valueOf(System.nanoTime())));
        client.secrets().resource(secret).update();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private AlibabaCloudAccount get(String name) {
        return client.resources(AlibabaCloudAccount.class).withName(name).get();
    }

    private AlibabaCloudAccount awaitReason(String name, AccountReason reason) {
        List<AlibabaCloudAccount> found = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            AlibabaCloudAccount account = get(name);
            if (account == null || account.getStatus() == null) {
                return false;
            }
            statusesSeen.add(Serialization.asJson(account.getStatus()));
            Condition ready = Conditions.find(account.getStatus().conditions, "Ready").orElse(null);
            if (ready != null && reason.name().equals(ready.getReason())) {
                found.add(account);
                return true;
            }
            return false;
        });
        return found.get(0);
    }

    private static Condition condition(AlibabaCloudAccount account, String type) {
        return Conditions.find(account.getStatus().conditions, type).orElseThrow();
    }

    private void assertNoSecretsIn(AlibabaCloudAccount account) {
        assertThat(Serialization.asJson(account)).doesNotContain("DO-NOT-LEAK").doesNotContain("REQUEST-ID");
        assertThat(statusesSeen).noneMatch(s -> s.contains("DO-NOT-LEAK") || s.contains("REQUEST-ID"));
    }
}
