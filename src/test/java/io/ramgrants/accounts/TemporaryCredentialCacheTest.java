package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.ram.AccessKeyCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TemporaryCredentialCacheTest {
    final MutableClock clock = MutableClock.startingAt("2025-01-01T00:00:00Z");
    final AtomicInteger exchanges = new AtomicInteger();

    AccessKeyCredentials issue() {
        int n = exchanges.incrementAndGet();
        return new AccessKeyCredentials("STS.key-" + n, "secret-" + n, "token-" + n, clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void afterAFailedEarlyRefreshTheNextExchangeWaitsABackoffThatDoubles() {
        AtomicBoolean stsDown = new AtomicBoolean();
        TemporaryCredentialCache cache = new TemporaryCredentialCache(() -> {
            if (stsDown.get()) {
                exchanges.incrementAndGet();
                throw new IllegalStateException("ServiceUnavailable");
            }
            return issue();
        }, clock, "role");
        AccessKeyCredentials first = cache.get();
        clock.advance(Duration.ofMinutes(50));
        stsDown.set(true);

        for (int i = 0; i < 100; i++) {
            assertThat(cache.get()).isSameAs(first);
        }
        assertThat(exchanges).as("one failed attempt, not one per caller").hasValue(2);

        clock.advance(TemporaryCredentialCache.FIRST_RETRY);
        assertThat(cache.get()).isSameAs(first);
        assertThat(exchanges).hasValue(3);
        clock.advance(TemporaryCredentialCache.FIRST_RETRY);
        cache.get();
        assertThat(exchanges).as("the second backoff is twice the first").hasValue(3);
        clock.advance(TemporaryCredentialCache.FIRST_RETRY);
        cache.get();
        assertThat(exchanges).hasValue(4);

        stsDown.set(false);
        clock.advance(TemporaryCredentialCache.MAX_RETRY);
        assertThat(cache.get()).isNotEqualTo(first);
        assertThat(exchanges).hasValue(5);
    }

    @Test
    void anEarlyRefreshInProgressKeepsNoCallerWaitingWhileTheCredentialsAreValid() throws Exception {
        CountDownLatch exchangeStarted = new CountDownLatch(1);
        CountDownLatch stsAnswers = new CountDownLatch(1);
        AtomicBoolean slow = new AtomicBoolean();
        Supplier<AccessKeyCredentials> exchange = () -> {
            if (slow.get()) {
                exchangeStarted.countDown();
                awaitQuietly(stsAnswers);
            }
            return issue();
        };
        TemporaryCredentialCache cache = new TemporaryCredentialCache(exchange, clock, "role");
        AccessKeyCredentials first = cache.get();
        clock.advance(Duration.ofMinutes(50));
        slow.set(true);

        CompletableFuture<AccessKeyCredentials> refreshing = CompletableFuture.supplyAsync(cache::get);
        assertThat(exchangeStarted.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        AccessKeyCredentials meanwhile = CompletableFuture.supplyAsync(cache::get).get(10, TimeUnit.SECONDS);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        stsAnswers.countDown();

        assertThat(meanwhile).isSameAs(first);
        assertThat(waitedMillis).as("served without waiting for STS").isLessThan(5_000);
        assertThat(refreshing.get(10, TimeUnit.SECONDS)).isNotEqualTo(first);
        assertThat(exchanges).hasValue(2);
    }

    @Test
    void theBackoffNeverReachesPastTheExpiry() {
        AtomicBoolean stsDown = new AtomicBoolean();
        TemporaryCredentialCache cache = new TemporaryCredentialCache(() -> {
            if (stsDown.get()) {
                throw new IllegalStateException("ServiceUnavailable");
            }
            return issue();
        }, clock, "role");
        AccessKeyCredentials first = cache.get();
        Instant expiry = first.expiration();
        clock.advance(Duration.between(clock.instant(), expiry).minusSeconds(10));
        stsDown.set(true);
        while (clock.instant().isBefore(expiry)) {
            assertThat(cache.get()).isSameAs(first);
            clock.advance(Duration.ofSeconds(1));
        }
        stsDown.set(false);

        assertThat(cache.get()).as("at the expiry, a new exchange runs; expired credentials are never served")
                .isNotEqualTo(first);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
