package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.StsGateway;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AssumeRoleCredentialProviderTest {
    static final String HUB = "1000000000000001";
    static final String TARGET = "2000000000000002";

    final MutableClock clock = MutableClock.startingAt("2025-01-01T00:00:00Z");
    final FakeSts sts = new FakeSts(clock)
            .accessKey(HUB, "LTAI-hub", "SECRET-DO-NOT-LEAK-hub")
            .role(TARGET, "operator", HUB);
    final StsGateway hubSts = sts.create(HUB, null,
            new StaticSecretCredentials(AccessKeyCredentials.permanent("LTAI-hub", "SECRET-DO-NOT-LEAK-hub")));

    AssumeRoleCredentialProvider provider(Duration lifetime) {
        return new AssumeRoleCredentialProvider(() -> hubSts, FakeSts.arn(TARGET, "operator"), "ops", null, lifetime, clock);
    }

    @Test
    void exchangesOnceWhileTheCredentialsAreFresh() {
        AssumeRoleCredentialProvider provider = provider(Duration.ofHours(1));

        AccessKeyCredentials first = provider.credentials();
        clock.advance(Duration.ofMinutes(47));
        AccessKeyCredentials later = provider.credentials();

        assertThat(later).isSameAs(first);
        assertThat(first.temporary()).isTrue();
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
    }

    @Test
    void refreshesWhenLessThanTwentyPercentOfALongLifetimeRemains() {
        AssumeRoleCredentialProvider provider = provider(Duration.ofHours(1));
        AccessKeyCredentials first = provider.credentials();

        clock.advance(Duration.ofMinutes(48)); // 12 min = 20% of 60 left

        assertThat(provider.credentials()).isNotEqualTo(first);
        assertThat(sts.calls("AssumeRole")).isEqualTo(2);
    }

    @Test
    void refreshesWhenLessThanFiveMinutesOfAShortLifetimeRemain() {
        AssumeRoleCredentialProvider provider = provider(Duration.ofMinutes(15));
        AccessKeyCredentials first = provider.credentials();

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(provider.credentials()).isSameAs(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.credentials()).isNotEqualTo(first);
    }

    @Test
    void invalidateForcesAnExchange() {
        AssumeRoleCredentialProvider provider = provider(Duration.ofHours(1));
        AccessKeyCredentials first = provider.credentials();

        provider.invalidate();

        assertThat(provider.credentials()).isNotEqualTo(first);
        assertThat(sts.calls("AssumeRole")).isEqualTo(2);
    }

    @Test
    void failedEarlyRefreshKeepsServingCredentialsThatHaveNotExpired() {
        AssumeRoleCredentialProvider provider = provider(Duration.ofHours(1));
        AccessKeyCredentials first = provider.credentials();
        clock.advance(Duration.ofMinutes(50));
        sts.failNext("AssumeRole", RamErrorKind.TRANSIENT, "ServiceUnavailable");

        assertThat(provider.credentials()).isSameAs(first);
        clock.advance(TemporaryCredentialCache.FIRST_RETRY);
        assertThat(provider.credentials()).isNotEqualTo(first); // the next attempt, after the backoff, succeeds
    }

    @Test
    void failedRefreshAfterExpiryFails() {
        AssumeRoleCredentialProvider provider = provider(Duration.ofHours(1));
        provider.credentials();
        clock.advance(Duration.ofHours(1));
        sts.failNext("AssumeRole", RamErrorKind.TRANSIENT, "ServiceUnavailable");

        assertThatThrownBy(provider::credentials).isInstanceOf(RamException.class);
    }

    @Test
    void callerGatewayIsLookedUpOnEveryExchange() {
        AtomicInteger lookups = new AtomicInteger();
        AssumeRoleCredentialProvider provider = new AssumeRoleCredentialProvider(() -> {
            lookups.incrementAndGet();
            return hubSts;
        }, FakeSts.arn(TARGET, "operator"), "ops", "ext-1", Duration.ofHours(1), clock);

        provider.credentials();
        provider.invalidate();
        provider.credentials();

        assertThat(lookups).hasValue(2);
    }

    @Test
    void untrustedCallerIsRefused() {
        sts.role(TARGET, "locked", "9999");
        AssumeRoleCredentialProvider provider = new AssumeRoleCredentialProvider(() -> hubSts, FakeSts.arn(TARGET, "locked"), "ops",
                null, Duration.ofHours(1), clock);

        assertThatThrownBy(provider::credentials)
                .isInstanceOfSatisfying(RamException.class, e -> assertThat(e.code()).isEqualTo("NoPermission"));
    }

    @Test
    void toStringShowsTheRoleNotTheCredentials() {
        AssumeRoleCredentialProvider provider = provider(Duration.ofHours(1));
        AccessKeyCredentials credentials = provider.credentials();

        assertThat(provider.toString()).contains("operator").doesNotContain(credentials.accessKeySecret());
    }
}
