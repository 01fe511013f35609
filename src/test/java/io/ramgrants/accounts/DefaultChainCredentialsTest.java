package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.ram.AccessKeyCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultChainCredentialsTest {
    static final String ACCOUNT = "3000000000000003";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.startingAt("2025-01-01T00:00:00Z");
    final FakeSts sts = new FakeSts(clock).oidcRole(ACCOUNT, "rrsa", "OIDC-TOKEN-DO-NOT-LEAK-1");
    final List<URI> stsEndpoints = new ArrayList<>();
    final StsGatewayFactory recordingFactory = (accountId, endpoint, credentials) -> {
        stsEndpoints.add(endpoint.sts());
        return sts.create(accountId, endpoint, credentials);
    };

    @Test
    void accessKeyInTheEnvironmentComesFirst() throws IOException {
        Map<String, String> env = Map.of(
                "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "SECRET-DO-NOT-LEAK-env",
                "ALIBABA_CLOUD_SECURITY_TOKEN", "TOKEN-DO-NOT-LEAK-env",
                "ALIBABA_CLOUD_ROLE_ARN", FakeSts.arn(ACCOUNT, "rrsa"),
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::" + ACCOUNT + ":oidc-provider/p",
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile().toString());

        DefaultChainCredentials chain = DefaultChainCredentials.fromEnvironment(
                new CredentialEnvironment(env), ACCOUNT, null, recordingFactory, clock);

        assertThat(chain.source()).isEqualTo("environment AccessKey");
        assertThat(chain.credentials())
                .isEqualTo(new AccessKeyCredentials("LTAI-env", "SECRET-DO-NOT-LEAK-env", "TOKEN-DO-NOT-LEAK-env", null));
        assertThat(chain.toString()).doesNotContain("SECRET-DO-NOT-LEAK");
    }

    @Test
    void rrsaWhenNoAccessKeyIsSet() throws IOException {
        Map<String, String> env = Map.of(
                "ALIBABA_CLOUD_ROLE_ARN", FakeSts.arn(ACCOUNT, "rrsa"),
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::" + ACCOUNT + ":oidc-provider/p",
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile().toString(),
                "ALIBABA_CLOUD_STS_ENDPOINT", "sts-vpc.cn-hangzhou.aliyuncs.com");

        DefaultChainCredentials chain = DefaultChainCredentials.fromEnvironment(
                new CredentialEnvironment(env), ACCOUNT, null, recordingFactory, clock);

        assertThat(chain.source()).isEqualTo("RRSA");
        assertThat(chain.credentials().temporary()).isTrue();
        assertThat(stsEndpoints).containsExactly(URI.create("https://sts-vpc.cn-hangzhou.aliyuncs.com/"));
    }

    @Test
    void accountEndpointOverridesTheEnvironmentStsEndpoint() throws IOException {
        Map<String, String> env = Map.of(
                "ALIBABA_CLOUD_ROLE_ARN", FakeSts.arn(ACCOUNT, "rrsa"),
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::" + ACCOUNT + ":oidc-provider/p",
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile().toString(),
                "ALIBABA_CLOUD_STS_ENDPOINT", "sts-vpc.cn-hangzhou.aliyuncs.com");

        DefaultChainCredentials.fromEnvironment(new CredentialEnvironment(env), ACCOUNT, URI.create("http://127.0.0.1:18080/"),
                recordingFactory, clock);

        assertThat(stsEndpoints).containsExactly(URI.create("http://127.0.0.1:18080/"));
    }

    @Test
    void emptyEnvironmentIsCredentialsUnavailable() {
        assertThatThrownBy(() -> DefaultChainCredentials.fromEnvironment(
                new CredentialEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-only")), ACCOUNT, null, recordingFactory, clock))
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.CredentialsUnavailable))
                .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
                .hasMessageContaining("ALIBABA_CLOUD_ROLE_ARN");
    }

    private Path tokenFile() throws IOException {
        return Files.writeString(dir.resolve("token"), "OIDC-TOKEN-DO-NOT-LEAK-1");
    }
}
