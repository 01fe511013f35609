package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.OidcCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountResolverTest {
    static final String HUB = "1000000000000001";
    static final String TARGET = "2000000000000002";
    static final String HUB_SECRET = "SECRET-DO-NOT-LEAK-hub";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.startingAt("2025-01-01T00:00:00Z");
    final FakeSts sts = new FakeSts(clock).ramUserKey(HUB, "LTAI-hub", HUB_SECRET, "operator")
            .accessKey(HUB, "LTAI-root", "SECRET-DO-NOT-LEAK-root").role(TARGET, "operator", HUB);
    final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    final AccountRegistry registry = new AccountRegistry((id, endpoint, credentials) -> IdOnlyRamGateway.of(id));
    final AccountResolver resolver = new AccountResolver(registry, sts,
            (namespace, name) -> Optional.ofNullable(secrets.get(namespace + "/" + name)),
            new CredentialEnvironment(Map.of()), new IdentityVerifier(), clock);

    void hubSecret(String secret) {
        secrets.put("ops/hub-keys", StaticSecretCredentialsTest.secret(Map.of("accessKeyId", "LTAI-hub", "accessKeySecret", secret)));
    }

    AccountHandle resolveAndRegister(String name, AlibabaCloudAccountSpec spec) {
        AccountHandle handle = resolver.resolve(name, spec);
        registry.put(handle);
        return handle;
    }

    @Test
    void secretCredentialsOfTheDeclaredAccountAreVerified() {
        hubSecret(HUB_SECRET);

        AccountHandle hub = resolveAndRegister("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));

        assertThat(hub.reason()).isEqualTo(AccountReason.Verified);
        assertThat(hub.verifiedIdentity()).isEqualTo("acs:ram::" + HUB + ":user/operator");
        assertThat(hub.message()).isEqualTo("credentials verified as acs:ram::" + HUB + ":user/operator");
        assertThat(hub.rootIdentity()).isFalse();
    }

    @Test
    void rootKeysWorkWithARecommendationButCannotServeAsVia() {
        secrets.put("ops/root-keys", StaticSecretCredentialsTest.secret(
                Map.of("accessKeyId", "LTAI-root", "accessKeySecret", "SECRET-DO-NOT-LEAK-root")));

        AccountHandle root = resolveAndRegister("hub", AccountSpecs.withSecret(HUB, "ops", "root-keys"));
        AccountHandle target = resolver.resolve("target",
                AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "operator"), "hub"));

        assertThat(root.reason()).isEqualTo(AccountReason.Verified);
        assertThat(root.rootIdentity()).isTrue();
        assertThat(root.message()).startsWith("credentials verified as acs:ram::" + HUB + ":root; ")
                .contains("IdentityType Account").contains("RAM user");
        assertThat(target.reason()).isEqualTo(AccountReason.ViaRootCredentials);
        assertThat(target.message()).contains("AlibabaCloudAccount hub").contains("STS refuses AssumeRole by a root account");
        assertThat(sts.calls("AssumeRole")).as("no AssumeRole that STS would refuse").isZero();
        assertThat(root.message() + target.message()).doesNotContain("SECRET-DO-NOT-LEAK");
    }

    @Test
    void guardsRefuseBeforeAnyCallOrRead() {
        java.util.List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
        AccountResolver guarded = new AccountResolver(registry, sts, (namespace, name) -> {
            lookups.add(namespace + "/" + name);
            return Optional.ofNullable(secrets.get(namespace + "/" + name));
        }, new CredentialEnvironment(Map.of()), new IdentityVerifier(), clock,
                AccountGuards.defaults(new CredentialEnvironment(Map.of())).withSecretNamespaces(java.util.Set.of("ops")));
        hubSecret(HUB_SECRET);

        AccountHandle foreign = guarded.resolve("hub", AccountSpecs.atEndpoint(
                AccountSpecs.withSecret(HUB, "ops", "hub-keys"), "https://sts.evil.example.com/"));
        AccountHandle elsewhere = guarded.resolve("hub2", AccountSpecs.withSecret(HUB, "kube-system", "hub-keys"));

        assertThat(foreign.reason()).isEqualTo(AccountReason.EndpointNotAllowed);
        assertThat(foreign.message()).startsWith("spec.endpoint.ram names host sts.evil.example.com")
                .contains("--allow-endpoint-host");
        assertThat(elsewhere.reason()).isEqualTo(AccountReason.SecretNamespaceNotAllowed);
        assertThat(elsewhere.message()).contains("spec.credentials.secretRef.namespace kube-system").contains("ops");
        assertThat(lookups).as("no Secret read for either").isEmpty();
        assertThat(sts.calls("GetCallerIdentity")).as("no STS call").isZero();
    }

    @Test
    void anActionTrailEndpointPassesTheSameGuardAsRamAndSts() {
        hubSecret(HUB_SECRET);
        for (String hostile : java.util.List.of("https://actiontrail.evil.example.com/",
                "https://actiontrail.cn-hangzhou.aliyuncs.com@evil.example.com/",
                "https://evil.example.com/actiontrail.cn-hangzhou.aliyuncs.com/",
                "http://169.254.169.254/", "http://10.0.0.1:8080/", "https://actiontrail.a.b.aliyuncs.com/")) {
            AlibabaCloudAccountSpec spec = AccountSpecs.withSecret(HUB, "ops", "hub-keys");
            spec.endpoint = new io.ramgrants.api.EndpointOverrides();
            spec.endpoint.actiontrail = hostile;

            AccountHandle refused = resolver.resolve("hub", spec);

            assertThat(refused.reason()).as(hostile).isEqualTo(AccountReason.EndpointNotAllowed);
            assertThat(refused.message()).as(hostile).startsWith("spec.endpoint.actiontrail names host ")
                    .contains("no request was sent").contains("--allow-endpoint-host");
            assertThat(refused.credentials()).as(hostile).isNull();
        }
        assertThat(sts.calls("GetCallerIdentity")).as("no STS call for any").isZero();
    }

    @Test
    void anAllowedActionTrailEndpointIsWhereEventsAreReadAndTheDefaultStays() {
        hubSecret(HUB_SECRET);
        AlibabaCloudAccountSpec finance = AccountSpecs.withSecret(HUB, "ops", "hub-keys");
        finance.endpoint = new io.ramgrants.api.EndpointOverrides();
        finance.endpoint.actiontrail = "https://actiontrail.cn-shanghai-finance-1.aliyuncs.com/";

        AccountHandle handle = resolver.resolve("hub", finance);
        AccountHandle plain = resolver.resolve("plain", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));
        AccountHandle emulator = resolver.resolve("emu", AccountSpecs.atEndpoint(
                AccountSpecs.withSecret(HUB, "ops", "hub-keys"), "http://127.0.0.1:18080/"));

        assertThat(handle.reason()).isEqualTo(AccountReason.Verified);
        assertThat(io.ramgrants.ram.SdkActionTrailGateway.endpointFor(handle.endpoint()))
                .hasToString("https://actiontrail.cn-shanghai-finance-1.aliyuncs.com/");
        assertThat(io.ramgrants.ram.SdkActionTrailGateway.endpointFor(plain.endpoint()))
                .isEqualTo(io.ramgrants.ram.SdkActionTrailGateway.PUBLIC_ENDPOINT);
        assertThat(io.ramgrants.ram.SdkActionTrailGateway.endpointFor(emulator.endpoint()))
                .hasToString("http://127.0.0.1:18080/");
        AccountResolver extra = new AccountResolver(registry, sts,
                (namespace, name) -> Optional.ofNullable(secrets.get(namespace + "/" + name)),
                new CredentialEnvironment(Map.of()), new IdentityVerifier(), clock,
                AccountGuards.defaults(new CredentialEnvironment(Map.of()))
                        .withEndpoints(EndpointAllowList.withExtraHosts(java.util.List.of("trail-proxy.example.com"))));
        AlibabaCloudAccountSpec proxied = AccountSpecs.withSecret(HUB, "ops", "hub-keys");
        proxied.endpoint = new io.ramgrants.api.EndpointOverrides();
        proxied.endpoint.actiontrail = "https://trail-proxy.example.com/";
        assertThat(extra.resolve("proxied", proxied).reason()).as("--allow-endpoint-host admits it")
                .isEqualTo(AccountReason.Verified);
    }

    @Test
    void missingSecretIsSecretNotFound() {
        AccountHandle hub = resolver.resolve("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));

        assertThat(hub.reason()).isEqualTo(AccountReason.SecretNotFound);
        assertThat(hub.message()).contains("Secret ops/hub-keys");
        assertThat(hub.credentials()).isNull();
    }

    @Test
    void wrongSecretIsAccessDeniedAndMismatchedIdIsIdentityMismatch() {
        hubSecret("SECRET-DO-NOT-LEAK-wrong");
        AccountHandle wrongKey = resolver.resolve("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));
        hubSecret(HUB_SECRET);
        AccountHandle wrongAccount = resolver.resolve("hub", AccountSpecs.withSecret(TARGET, "ops", "hub-keys"));

        assertThat(wrongKey.reason()).isEqualTo(AccountReason.StsAccessDenied);
        assertThat(wrongAccount.reason()).isEqualTo(AccountReason.IdentityMismatch);
        assertThat(wrongKey.message() + wrongAccount.message()).doesNotContain("SECRET-DO-NOT-LEAK");
    }

    @Test
    void invalidSpecIsReportedBeforeAnyCall() {
        AlibabaCloudAccountSpec spec = AccountSpecs.withSecret("not-a-number", "ops", "hub-keys");
        spec.credentials.defaultChain = true;

        AccountHandle handle = resolver.resolve("hub", spec);

        assertThat(handle.reason()).isEqualTo(AccountReason.InvalidSpec);
        assertThat(handle.message()).isEqualTo("invalid spec: spec.accountId: must be a 16-digit Alibaba Cloud account"
                + " UID (e.g. 1234567890123456); got 'not-a-number'; spec.credentials: set exactly one of secretRef,"
                + " assumeRole, oidc or default: true; found 2");
        assertThat(sts.calls("GetCallerIdentity")).isZero();
    }

    /** The same rules as plan, where the operator used to be looser (1-32 digits, any case). */
    @Test
    void specsTheCrdRefusesAreInvalidHereToo() {
        AlibabaCloudAccountSpec shortId = AccountSpecs.withSecret("12345", "ops", "hub-keys");
        AlibabaCloudAccountSpec upperCaseArn = AccountSpecs.viaAssumeRole(TARGET, "ACS:RAM::" + TARGET + ":ROLE/op", "hub");
        AlibabaCloudAccountSpec blankExternalId = AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "operator"), "hub");
        blankExternalId.credentials.assumeRole.externalId = " ";

        assertThat(resolver.resolve("a", shortId).message()).contains("spec.accountId: must be a 16-digit");
        assertThat(resolver.resolve("b", upperCaseArn).message()).contains("spec.credentials.assumeRole.roleArn: must be");
        assertThat(resolver.resolve("c", blankExternalId).message())
                .isEqualTo("invalid spec: spec.credentials.assumeRole.externalId: must not be blank when set;"
                        + " leave it out when the role's trust policy asks for none");
        assertThat(sts.calls("GetCallerIdentity") + sts.calls("AssumeRole")).isZero();
    }

    @Test
    void viaNamingThisAccountIsInvalidButAMissingOneIsAwaited() {
        AccountHandle self = resolver.resolve("hub", AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "op"), "hub"));
        AccountHandle missing = resolver.resolve("target",
                AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "op"), "ghost"));

        assertThat(self.reason()).isEqualTo(AccountReason.InvalidSpec);
        assertThat(self.message()).contains("spec.credentials.assumeRole.via: names this account itself");
        assertThat(missing.reason()).isEqualTo(AccountReason.ViaAccountNotReady);
    }

    /** A client that skips the API server's defaulting (the mock server in tests) leaves infrastructure null. */
    @Test
    void aNullInfrastructureIsTheCrdDefault() {
        hubSecret(HUB_SECRET);
        AlibabaCloudAccountSpec spec = AccountSpecs.withSecret(HUB, "ops", "hub-keys");
        spec.infrastructure = null;
        spec.allowedNamespaces = null;

        AccountHandle hub = resolver.resolve("hub", spec);

        assertThat(hub.reason()).isEqualTo(AccountReason.Verified);
        assertThat(hub.infrastructure()).isEqualTo(io.ramgrants.api.Infrastructure.Public);
        assertThat(hub.allowedNamespaces()).isEmpty();
    }

    @Test
    void assumeRoleWaitsForTheViaAccountThenWorks() {
        AlibabaCloudAccountSpec targetSpec = AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "operator"), "hub");

        AccountHandle waiting = resolver.resolve("target", targetSpec);
        assertThat(waiting.reason()).isEqualTo(AccountReason.ViaAccountNotReady);
        assertThat(waiting.message()).contains("AlibabaCloudAccount hub").contains("does not exist");

        hubSecret(HUB_SECRET);
        resolveAndRegister("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));
        AccountHandle target = resolver.resolve("target", targetSpec);

        assertThat(target.reason()).isEqualTo(AccountReason.Verified);
        assertThat(target.verifiedIdentity()).isEqualTo("acs:ram::" + TARGET + ":assumed-role/operator/ram-grant-operator");
    }

    @Test
    void reverifyingKeepsTheProviderAndItsTemporaryCredentials() {
        hubSecret(HUB_SECRET);
        resolveAndRegister("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));
        AlibabaCloudAccountSpec targetSpec = AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "operator"), "hub");

        AccountHandle first = resolver.resolve("target", targetSpec);
        AccountHandle second = resolver.resolve("target", targetSpec);

        assertThat(second.credentials()).isSameAs(first.credentials());
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        assertThat(second.differsFrom(first)).isFalse();
    }

    @Test
    void rotatedSecretMakesANewProvider() {
        hubSecret(HUB_SECRET);
        AccountHandle before = resolver.resolve("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));
        sts.accessKey(HUB, "LTAI-hub", "SECRET-DO-NOT-LEAK-rotated");
        hubSecret("SECRET-DO-NOT-LEAK-rotated");

        AccountHandle after = resolver.resolve("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));

        assertThat(after.ready()).isTrue();
        assertThat(after.credentials()).isNotSameAs(before.credentials());
    }

    @Test
    void viaAccountThatIsNotReadyIsNamedWithItsReason() {
        resolveAndRegister("hub", AccountSpecs.withSecret(HUB, "ops", "hub-keys"));

        AccountHandle target = resolver.resolve("target",
                AccountSpecs.viaAssumeRole(TARGET, FakeSts.arn(TARGET, "operator"), "hub"));

        assertThat(target.message()).contains("is not ready (SecretNotFound)");
    }

    @Test
    void oidcTokenFileDefaultsFromTheEnvironment() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "OIDC-TOKEN-DO-NOT-LEAK-1");
        sts.oidcRole(TARGET, "rrsa", "OIDC-TOKEN-DO-NOT-LEAK-1");
        AccountResolver rrsa = new AccountResolver(registry, sts, (ns, n) -> Optional.empty(), new CredentialEnvironment(Map.of(
                "ALIBABA_CLOUD_ROLE_ARN", FakeSts.arn(TARGET, "rrsa"),
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::" + TARGET + ":oidc-provider/ack",
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.toString())), new IdentityVerifier(), clock);
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = TARGET;
        spec.credentials = new AccountCredentials();
        spec.credentials.oidc = new OidcCredentials();
        spec.credentials.oidc.roleArn = FakeSts.arn(TARGET, "rrsa");
        spec.credentials.oidc.oidcProviderArn = "acs:ram::" + TARGET + ":oidc-provider/ack";

        AccountHandle handle = rrsa.resolve("rrsa", spec);

        assertThat(handle.reason()).isEqualTo(AccountReason.Verified);
        assertThat(handle.verifiedIdentity()).contains(":assumed-role/rrsa/");
    }

    @Test
    void oidcWithoutRoleArnsIsInvalidSpec() {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = TARGET;
        spec.credentials = new AccountCredentials();
        spec.credentials.oidc = new OidcCredentials();

        AccountHandle handle = resolver.resolve("rrsa", spec);

        assertThat(handle.reason()).isEqualTo(AccountReason.InvalidSpec);
        assertThat(handle.message()).isEqualTo("invalid spec: spec.credentials.oidc.roleArn: is required: the ARN of the"
                + " RRSA role; spec.credentials.oidc.oidcProviderArn: is required: the OIDC provider's ARN");
    }

    @Test
    void oidcWithoutATokenFileAnywhereIsInvalidSpec() {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = TARGET;
        spec.credentials = new AccountCredentials();
        spec.credentials.oidc = new OidcCredentials();
        spec.credentials.oidc.roleArn = FakeSts.arn(TARGET, "rrsa");
        spec.credentials.oidc.oidcProviderArn = "acs:ram::" + TARGET + ":oidc-provider/ack";

        AccountHandle handle = resolver.resolve("rrsa", spec);

        assertThat(handle.reason()).isEqualTo(AccountReason.InvalidSpec);
        assertThat(handle.message()).contains("spec.credentials.oidc.tokenFile").contains("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    }

    @Test
    void defaultChainWithAnEmptyEnvironmentIsCredentialsUnavailable() {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = HUB;
        spec.credentials = new AccountCredentials();
        spec.credentials.defaultChain = true;

        assertThat(resolver.resolve("default", spec).reason()).isEqualTo(AccountReason.CredentialsUnavailable);
    }
}
