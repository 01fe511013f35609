package io.ramgrants.controller;

import static io.ramgrants.controller.AccountOperatorHarness.condition;
import static io.ramgrants.emulator.StsTestDocuments.jwt;
import static io.ramgrants.emulator.StsTestDocuments.trust;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountSpecs;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.accounts.TokenDirectories;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.OidcCredentials;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account controller end to end with the real SDK gateways and the RAM/STS emulator as
 * Alibaba Cloud: signatures, keys, trust policies and AssumeRole are the emulator's.
 */
class AccountControllerEmulatorTest {
    static final String HUB = "1000000000000001";
    static final String TARGET = "2000000000000002";
    static final String HUB_SECRET = "SECRET-DO-NOT-LEAK-hub";
    static final String TARGET_SECRET = "SECRET-DO-NOT-LEAK-target";
    static final String OIDC_PROVIDER = "acs:ram::" + TARGET + ":oidc-provider/ack-rrsa";
    static final String HUB_ROOT_SECRET = "SECRET-DO-NOT-LEAK-hub-root";
    static final String HUB_OIDC_PROVIDER = "acs:ram::" + HUB + ":oidc-provider/ack-rrsa";

    static RamEmulator emulator;
    static AccountOperatorHarness k8s;
    static final AtomicInteger testNumber = new AtomicInteger();

    @TempDir
    static Path dir;

    String hubName;
    String targetName;
    String hubKeys;

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(EmulatorConfig.builder()
                // RAM-user keys: STS refuses AssumeRole to root AccessKeys.
                .user(HUB, "ramgrants-operator", "LTAI-hub", HUB_SECRET, "AliyunSTSAssumeRoleAccess", "AliyunRAMReadOnlyAccess")
                .user(HUB, "ramgrants-operator-2", "LTAI-hub-2", "SECRET-DO-NOT-LEAK-hub-2", "AliyunSTSAssumeRoleAccess",
                        "AliyunRAMReadOnlyAccess")
                // The root key only sets the emulator up and plays the root-keys-as-via attempt.
                .account(HUB, "LTAI-hub-root", HUB_ROOT_SECRET)
                .oidcProvider(HUB, "ack-rrsa", "sts.aliyuncs.com")
                .oidcProvider(TARGET, "ack-rrsa", "sts.aliyuncs.com")
                .account(TARGET, "LTAI-target", TARGET_SECRET)
                .build(), 0);
        RamGateways gateways = new RamGateways(
                RamClientSettings.defaults().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50)),
                OperatorMetrics.discarding());
        RamGateway targetRam = gateways.ramGateway(TARGET, AccountEndpoint.both(emulator.endpoint()),
                () -> AccessKeyCredentials.permanent("LTAI-target", TARGET_SECRET));
        targetRam.createRole("operator", trust("\"RAM\":[\"acs:ram::" + HUB + ":root\"]"), null, null);
        targetRam.attachPolicyToRole(PolicyType.System, "AdministratorAccess", "operator");
        targetRam.createRole("rrsa", trust("\"Federated\":[\"" + OIDC_PROVIDER + "\"]"), null, null);
        // The hub that assumes roles elsewhere is itself a role session (RRSA): STS refuses AssumeRole by root keys.
        RamGateway hubRam = gateways.ramGateway(HUB, AccountEndpoint.both(emulator.endpoint()),
                () -> AccessKeyCredentials.permanent("LTAI-hub-root", HUB_ROOT_SECRET));
        hubRam.createRole("hub-rrsa", trust("\"Federated\":[\"" + HUB_OIDC_PROVIDER + "\"]"), null, null);
        hubRam.attachPolicyToRole(PolicyType.System, "AdministratorAccess", "hub-rrsa");
        k8s = new AccountOperatorHarness(gateways::stsGateway, gateways::ramGateway,
                AccountGuards.defaults(new CredentialEnvironment(Map.of()))
                        .withTokenDirectories(TokenDirectories.of(List.of(dir))));
    }

    @AfterAll
    static void stop() {
        k8s.close();
        emulator.close();
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
    void accountWithItsSecretBecomesReadyWithTheVerifiedIdentity() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, atEmulator(AccountSpecs.withSecret(HUB, "ops", hubKeys)));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.Verified);

        assertThat(hub.getStatus().verifiedIdentity).isEqualTo("acs:ram::" + HUB + ":user/ramgrants-operator");
        assertThat(k8s.accounts.registry().ramGateway(hubName).getRole("no-such-role")).isEmpty();
        k8s.assertNoSecretsIn(hub);
    }

    @Test
    void wrongKeyIsNotReady() {
        k8s.putSecret(hubKeys, "LTAI-hub", "SECRET-DO-NOT-LEAK-wrong");
        k8s.create(hubName, atEmulator(AccountSpecs.withSecret(HUB, "ops", hubKeys)));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.StsAccessDenied);

        assertThat(condition(hub, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(hub, "Ready").getMessage()).contains("GetCallerIdentity");
        k8s.assertNoSecretsIn(hub);
    }

    @Test
    void credentialsOfAnotherAccountAreIdentityMismatch() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, atEmulator(AccountSpecs.withSecret(TARGET, "ops", hubKeys)));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.IdentityMismatch);

        assertThat(condition(hub, "Ready").getMessage())
                .isEqualTo("the credentials belong to account " + HUB + ", not to spec.accountId " + TARGET
                        + ": fix spec.accountId or use credentials of account " + TARGET);
    }

    @Test
    void updatedSecretIsVerifiedAgain() {
        k8s.putSecret(hubKeys, "LTAI-hub", HUB_SECRET);
        k8s.create(hubName, atEmulator(AccountSpecs.withSecret(HUB, "ops", hubKeys)));
        k8s.awaitReason(hubName, AccountReason.Verified);

        k8s.putSecret(hubKeys, "LTAI-unknown", "SECRET-DO-NOT-LEAK-unknown");
        k8s.awaitReason(hubName, AccountReason.StsAccessDenied);
        k8s.putSecret(hubKeys, "LTAI-hub-2", "SECRET-DO-NOT-LEAK-hub-2");
        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.Verified);

        assertThat(k8s.accounts.registry().byName(hubName).orElseThrow().credentials().credentials().accessKeyId())
                .isEqualTo("LTAI-hub-2");
        k8s.assertNoSecretsIn(hub);
    }

    /** A hub account on RRSA: its credentials are a role session, which may call AssumeRole. */
    private AlibabaCloudAccountSpec rrsaHub() throws IOException {
        Path token = Files.writeString(dir.resolve("hub-token-" + hubName), jwt(Instant.now().plusSeconds(3600)));
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = HUB;
        spec.credentials = new AccountCredentials();
        spec.credentials.oidc = new OidcCredentials();
        spec.credentials.oidc.roleArn = "acs:ram::" + HUB + ":role/hub-rrsa";
        spec.credentials.oidc.oidcProviderArn = HUB_OIDC_PROVIDER;
        spec.credentials.oidc.tokenFile = token.toString();
        return atEmulator(spec);
    }

    @Test
    void rootKeysCannotServeAsVia() {
        k8s.putSecret(hubKeys, "LTAI-hub-root", HUB_ROOT_SECRET);
        k8s.create(hubName, atEmulator(AccountSpecs.withSecret(HUB, "ops", hubKeys)));
        long assumeRoles = emulator.callCounts().getOrDefault(HUB, Map.of()).getOrDefault("AssumeRole", 0L);
        k8s.create(targetName, atEmulator(AccountSpecs.viaAssumeRole(TARGET, "acs:ram::" + TARGET + ":role/operator", hubName)));

        AlibabaCloudAccount hub = k8s.awaitReason(hubName, AccountReason.Verified);
        AlibabaCloudAccount target = k8s.awaitReason(targetName, AccountReason.ViaRootCredentials);

        assertThat(condition(hub, "Ready").getMessage()).contains("IdentityType Account").contains("RAM user");
        assertThat(condition(target, "Ready").getMessage()).contains("STS refuses AssumeRole by a root account");
        assertThat(emulator.callCounts().getOrDefault(HUB, Map.of()).getOrDefault("AssumeRole", 0L))
                .as("no AssumeRole sent").isEqualTo(assumeRoles);
        k8s.assertNoSecretsIn(target);
    }

    @Test
    void assumeRoleThroughAnotherAccountWorks() throws IOException {
        k8s.create(hubName, rrsaHub());
        k8s.create(targetName, atEmulator(AccountSpecs.viaAssumeRole(TARGET, "acs:ram::" + TARGET + ":role/operator", hubName)));

        AlibabaCloudAccount target = k8s.awaitReason(targetName, AccountReason.Verified);

        assertThat(target.getStatus().verifiedIdentity).startsWith("acs:ram::" + TARGET + ":assumed-role/operator/");
        RamGateway targetRam = k8s.accounts.registry().ramGateway(targetName);
        assertThat(targetRam.getRole("operator")).isPresent();
        assertThat(emulator.callCounts().get(HUB)).containsKey("AssumeRole");
        k8s.assertNoSecretsIn(target);
    }

    @Test
    void assumeRoleOfAnUntrustingRoleIsAccessDenied() throws IOException {
        k8s.create(hubName, rrsaHub());
        k8s.create(targetName, atEmulator(AccountSpecs.viaAssumeRole(TARGET, "acs:ram::" + TARGET + ":role/rrsa", hubName)));

        AlibabaCloudAccount target = k8s.awaitReason(targetName, AccountReason.StsAccessDenied);

        assertThat(condition(target, "Ready").getMessage()).startsWith("STS AssumeRole failed with ");
    }

    @Test
    void rrsaExchangesTheTokenFile() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), jwt(Instant.now().plusSeconds(3600)));
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = TARGET;
        spec.credentials = new AccountCredentials();
        spec.credentials.oidc = new OidcCredentials();
        spec.credentials.oidc.roleArn = "acs:ram::" + TARGET + ":role/rrsa";
        spec.credentials.oidc.oidcProviderArn = OIDC_PROVIDER;
        spec.credentials.oidc.tokenFile = token.toString();
        k8s.create(targetName, atEmulator(spec));

        AlibabaCloudAccount target = k8s.awaitReason(targetName, AccountReason.Verified);

        assertThat(target.getStatus().verifiedIdentity).startsWith("acs:ram::" + TARGET + ":assumed-role/rrsa/");
        k8s.assertNoSecretsIn(target);
    }

    private static AlibabaCloudAccountSpec atEmulator(AlibabaCloudAccountSpec spec) {
        return AccountSpecs.atEndpoint(spec, emulator.endpoint());
    }
}
