package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.StsGateway.CallerIdentity;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityVerifierTest {
    static final String ACCOUNT = "1000000000000001";
    static final String SECRET = "SECRET-DO-NOT-LEAK-identity";

    final FakeSts sts = new FakeSts(MutableClock.startingAt("2025-01-01T00:00:00Z")).accessKey(ACCOUNT, "LTAI-a", SECRET);
    final AtomicInteger invalidations = new AtomicInteger();
    final CredentialProvider credentials = new CredentialProvider() {
        @Override
        public AccessKeyCredentials credentials() {
            return AccessKeyCredentials.permanent("LTAI-a", SECRET);
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
        }
    };
    final IdentityVerifier verifier = new IdentityVerifier();

    @Test
    void returnsTheCallerIdentityOfTheDeclaredAccount() {
        CallerIdentity identity = verifier.verify(ACCOUNT, sts.create(ACCOUNT, null, credentials), credentials);

        assertThat(identity.accountId()).isEqualTo(ACCOUNT);
        assertThat(identity.arn()).isEqualTo("acs:ram::" + ACCOUNT + ":root");
    }

    @Test
    void refusesCredentialsOfAnotherAccount() {
        assertThatThrownBy(() -> verifier.verify("2000000000000002", sts.create(ACCOUNT, null, credentials), credentials))
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.IdentityMismatch))
                .hasMessageContaining("belong to account " + ACCOUNT)
                .hasMessageContaining("spec.accountId 2000000000000002");
    }

    @Test
    void wrongSecretIsAccessDeniedWithoutTheSecretOrRequestId() {
        CredentialProvider wrong = () -> AccessKeyCredentials.permanent("LTAI-a", "SECRET-DO-NOT-LEAK-wrong");

        assertThatThrownBy(() -> verifier.verify(ACCOUNT, sts.create(ACCOUNT, null, wrong), wrong))
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.StsAccessDenied))
                .hasMessageContaining("SignatureDoesNotMatch")
                .hasMessageNotContaining("SECRET-DO-NOT-LEAK")
                .hasMessageNotContaining("REQUEST-ID");
    }

    @Test
    void deniedCredentialsAreInvalidatedSoTheNextAttemptExchangesAgain() {
        sts.failNext("GetCallerIdentity", RamErrorKind.ACCESS_DENIED, "NoPermission");

        assertThatThrownBy(() -> verifier.verify(ACCOUNT, sts.create(ACCOUNT, null, credentials), credentials));
        assertThat(invalidations).hasValue(1);
    }

    @Test
    void throttlingIsStsUnavailableAndKeepsTheCredentials() {
        sts.failNext("GetCallerIdentity", RamErrorKind.THROTTLED, "Throttling.User");

        assertThatThrownBy(() -> verifier.verify(ACCOUNT, sts.create(ACCOUNT, null, credentials), credentials))
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.StsUnavailable))
                .hasMessageContaining("Throttling.User");
        assertThat(invalidations).hasValue(0);
    }

    @Test
    void expiredCredentialsAreRefreshedAndTheCallRepeatedOnce() {
        sts.failNext("GetCallerIdentity", RamErrorKind.CREDENTIALS_EXPIRED, "InvalidSecurityToken.Expired");

        CallerIdentity identity = verifier.verify(ACCOUNT, sts.create(ACCOUNT, null, credentials), credentials);

        assertThat(identity.accountId()).isEqualTo(ACCOUNT);
        assertThat(invalidations).hasValue(1);
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(2);
    }

    @Test
    void unexpectedFailureIsStsUnavailableNamingOnlyTheExceptionType() {
        CredentialProvider broken = () -> {
            throw new IllegalStateException("SECRET-DO-NOT-LEAK-in-exception");
        };

        assertThatThrownBy(() -> verifier.verify(ACCOUNT, sts.create(ACCOUNT, null, broken), broken))
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.StsUnavailable))
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining("SECRET-DO-NOT-LEAK");
    }
}
