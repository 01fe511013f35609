package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.ram.AccessKeyCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcCredentialProviderTest {
    static final String ACCOUNT = "3000000000000003";
    static final String ROLE_ARN = FakeSts.arn(ACCOUNT, "rrsa-operator");
    static final String PROVIDER_ARN = "acs:ram::" + ACCOUNT + ":oidc-provider/ack-rrsa-c123";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.startingAt("2025-01-01T00:00:00Z");
    final FakeSts sts = new FakeSts(clock).oidcRole(ACCOUNT, "rrsa-operator", "OIDC-TOKEN-DO-NOT-LEAK-1");

    OidcCredentialProvider provider(Path tokenFile) {
        return new OidcCredentialProvider(sts.create(ACCOUNT, null, null), ROLE_ARN, PROVIDER_ARN, tokenFile,
                OidcCredentialProvider.DEFAULT_SESSION_NAME, Duration.ofHours(1), clock);
    }

    @Test
    void exchangesTheTokenForTemporaryCredentials() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "OIDC-TOKEN-DO-NOT-LEAK-1\n");

        AccessKeyCredentials credentials = provider(token).credentials();

        assertThat(credentials.temporary()).isTrue();
        assertThat(sts.lastOidcToken(ROLE_ARN)).isEqualTo("OIDC-TOKEN-DO-NOT-LEAK-1");
    }

    @Test
    void rereadsTheTokenFileOnEveryExchange() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "OIDC-TOKEN-DO-NOT-LEAK-1");
        OidcCredentialProvider provider = provider(token);
        provider.credentials();

        Files.writeString(token, "OIDC-TOKEN-DO-NOT-LEAK-2"); // kubelet rotated it
        sts.oidcRole(ACCOUNT, "rrsa-operator", "OIDC-TOKEN-DO-NOT-LEAK-2");
        clock.advance(Duration.ofMinutes(55));
        provider.credentials();

        assertThat(sts.lastOidcToken(ROLE_ARN)).isEqualTo("OIDC-TOKEN-DO-NOT-LEAK-2");
        assertThat(sts.calls("AssumeRoleWithOIDC")).isEqualTo(2);
    }

    @Test
    void missingTokenFileIsCredentialsUnavailable() {
        Path missing = dir.resolve("absent");

        assertThatThrownBy(() -> provider(missing).credentials())
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.CredentialsUnavailable))
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("RRSA");
    }

    @Test
    void emptyTokenFileIsCredentialsUnavailable() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "  \n");

        assertThatThrownBy(() -> provider(token).credentials()).hasMessageContaining("is empty");
    }
}
