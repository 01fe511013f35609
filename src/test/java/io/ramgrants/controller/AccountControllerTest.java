package io.ramgrants.controller;

import static io.ramgrants.controller.AccountOperatorHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountSpecs;
import io.ramgrants.accounts.FakeSts;
import io.ramgrants.accounts.IdOnlyRamGateway;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.ram.RamErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account controller end to end with a fake STS, whose failures can be scripted. One
 * operator for the class (starting one costs seconds); each test uses its own names.
 */
class AccountControllerTest {
    static final String HUB = "1000000000000001";
    static final String TARGET = "2000000000000002";
    static final String HUB_SECRET = "SECRET-DO-NOT-LEAK-hub";

    static final FakeSts sts = new FakeSts(Clock.systemUTC())
            .ramUserKey(HUB, "LTAI-hub", HUB_SECRET, "operator")
            .role(TARGET, "operator", HUB);
    static final AtomicInteger testNumber = new AtomicInteger();
    static AccountOperatorHarness k8s;

    String hubName;
    String targetName;
    String hubKeys;

    @BeforeAll
    static void start() {
        k8s = new AccountOperatorHarness(sts, (id, endpoint, credentials) -> IdOnlyRamGateway.of(id));
    }

    @AfterAll
    static void stop() {
        k8s.close();
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
        k8s.deleteAllAccounts();
    }

    @Test
    void accountWithAValidSecretBecomesReady() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.Verified);

        assertThat(hub.getStatus().verifiedIdentity).isEqualTo("acs:ram::" + HUB + ":user/operator");
        assertThat(hub.getSpec().accountId).as("the status patch leaves the spec alone").isEqualTo(HUB);
        assertThat(hub.getStatus().observedGeneration).isEqualTo(hub.getMetadata().getGeneration());
        assertThat(hub.getStatus().conditions).singleElement().satisfies(ready -> {
            assertThat(ready.getType()).isEqualTo("Ready");
            assertThat(ready.getStatus()).isEqualTo("True");
            assertThat(ready.getLastTransitionTime()).isNotNull();
        });
        assertThat(k8s.accounts.registry().isReady(hubName)).isTrue();
        k8s.assertNoSecretsIn(hub);
    }

    @Test
    void wrongKeyIsStalledWithAccessDenied() {
        k8s.putSecret(hubKeys, "LTAI-hub", "SECRET-DO-NOT-LEAK-wrong");
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.StsAccessDenied);

        assertThat(condition(hub, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(hub, "Stalled").getStatus()).isEqualTo("True");
        assertThat(condition(hub, "Ready").getMessage()).contains("SignatureDoesNotMatch");
        assertThat(hub.getStatus().verifiedIdentity).isNull();
        assertThat(k8s.accounts.registry().isReady(hubName)).isFalse();
        k8s.assertNoSecretsIn(hub);
    }

    @Test
    void mismatchedAccountIdIsIdentityMismatch() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(TARGET, "ops", hubKeys));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.IdentityMismatch);

        assertThat(condition(hub, "Ready").getMessage()).contains("belong to account " + HUB);
    }

    @Test
    void invalidSpecIsStalledWithoutCallingSts() {
        long verifications = sts.calls("GetCallerIdentity");
        k8s.create(hubName, AccountSpecs.withSecret("not-numeric", "ops", hubKeys));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.InvalidSpec);

        assertThat(condition(hub, "Ready").getMessage()).contains("spec.accountId");
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(verifications);
    }

    @Test
    void secretCreatedLaterMakesTheAccountReady() {
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        k8s.awaitReason(hubName, AccountReason.SecretNotFound);

        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);

        k8s.awaitReason(hubName, AccountReason.Verified);
    }

    @Test
    void updatedSecretIsVerifiedAgain() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        k8s.awaitReason(hubName, AccountReason.Verified);

        k8s.putSecret(hubKeys, "LTAI-hub", "SECRET-DO-NOT-LEAK-revoked");
        k8s.awaitReason(hubName, AccountReason.StsAccessDenied);

        sts.ramUserKey(HUB, "LTAI-hub-2", "SECRET-DO-NOT-LEAK-rotated", "operator");
        k8s.putSecret(hubKeys, "LTAI-hub-2", "SECRET-DO-NOT-LEAK-rotated");
        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.Verified);

        assertThat(k8s.accounts.registry().byName(hubName).orElseThrow().credentials().credentials().accessKeyId())
                .isEqualTo("LTAI-hub-2");
        k8s.assertNoSecretsIn(hub);
    }

    @Test
    void unchangedObservationWritesNoStatus() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        AlibabaCloudAccount before = k8s.awaitReason(hubName, AccountReason.Verified);
        long verifications = sts.calls("GetCallerIdentity");

        k8s.touchSecret(hubKeys);
        await().atMost(Duration.ofSeconds(10)).until(() -> sts.calls("GetCallerIdentity") > verifications);

        AlibabaCloudAccount after = k8s.get(hubName);
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(condition(after, "Ready").getLastTransitionTime())
                .isEqualTo(condition(before, "Ready").getLastTransitionTime());
    }

    @Test
    void transientFailureWhileReverifyingKeepsAVerifiedAccountReady() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        AlibabaCloudAccount verified = k8s.awaitReason(hubName, AccountReason.Verified);
        List<String> changesBefore = List.copyOf(k8s.registryChanges);
        for (int i = 0; i < 3; i++) { // backoff 100 + 200 + 400 ms: long enough to observe
            sts.failNext("GetCallerIdentity", RamErrorKind.THROTTLED, "Throttling.User");
        }

        k8s.touchSecret(hubKeys);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            AlibabaCloudAccount account = k8s.get(hubName);
            return Conditions.isTrue(account.getStatus().conditions, "Ready")
                    && Conditions.isTrue(account.getStatus().conditions, "Reconciling")
                    && condition(account, "Reconciling").getReason().equals("StsUnavailable");
        });
        assertThat(k8s.accounts.registry().isReady(hubName)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> k8s.get(hubName).getStatus().conditions.size() == 1);
        assertThat(condition(k8s.get(hubName), "Ready").getLastTransitionTime())
                .isEqualTo(condition(verified, "Ready").getLastTransitionTime());
        assertThat(k8s.registryChanges).as("grants are not disturbed").isEqualTo(changesBefore);
        k8s.assertNoSecretsIn(k8s.get(hubName));
    }

    @Test
    void assumeRoleWaitsForTheViaAccountAndThenWorks() {
        long exchanges = sts.calls("AssumeRole");
        k8s.create(targetName, AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "operator"), hubName));
        AlibabaCloudAccount waiting = k8s.awaitReason(targetName, AccountReason.ViaAccountNotReady);
        assertThat(condition(waiting, "Reconciling").getStatus()).isEqualTo("True");

        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        AlibabaCloudAccount target = k8s.awaitReason(targetName, AccountReason.Verified);
        assertThat(target.getStatus().verifiedIdentity)
                .isEqualTo("acs:ram::" + TARGET + ":assumed-role/operator/ram-grant-operator");
        assertThat(sts.calls("AssumeRole")).isEqualTo(exchanges + 1);
        k8s.assertNoSecretsIn(target);
    }

    @Test
    void transientStsFailuresAreRetriedWithBackoff() {
        long verifications = sts.calls("GetCallerIdentity");
        sts.failNext("GetCallerIdentity", RamErrorKind.THROTTLED, "Throttling.User")
                .failNext("GetCallerIdentity", RamErrorKind.TRANSIENT, "ServiceUnavailable");
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));

        k8s.awaitReason(hubName, AccountReason.Verified);

        assertThat(sts.calls("GetCallerIdentity")).isGreaterThanOrEqualTo(verifications + 3);
    }

    @Test
    void onlyReferencedSecretsAreRead() throws InterruptedException {
        k8s.putSecret("unrelated-" + hubKeys, "LTAI-other", "SECRET-DO-NOT-LEAK-other");
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        k8s.awaitReason(hubName, AccountReason.Verified);

        List<String> secretReads = new java.util.ArrayList<>();
        for (var request = k8s.server.takeRequest(10, TimeUnit.MILLISECONDS); request != null;
                request = k8s.server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            if (request.getPath().contains("/secrets") && "GET".equals(request.getMethod())) {
                secretReads.add(request.getPath());
            }
        }
        assertThat(secretReads).isNotEmpty().allSatisfy(path -> assertThat(path)
                .matches(".*/namespaces/ops/secrets(/hub-keys-\\d+|\\?.*fieldSelector=metadata\\.name%3Dhub-keys-\\d+.*)"));
    }

    @Test
    void deletedAccountLeavesTheRegistry() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, AccountSpecs.withSecret(HUB, "ops", hubKeys));
        k8s.awaitReason(hubName, AccountReason.Verified);

        k8s.client.resources(AlibabaCloudAccount.class).withName(hubName).delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> k8s.accounts.registry().byName(hubName).isEmpty());
        assertThat(k8s.registryChanges).contains(hubName);
        assertThat(k8s.get(hubName)).isNull();
    }
}
