package io.ramgrants.accounts;

import io.ramgrants.ram.AccessKeyCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the temporary credentials of one exchange (AssumeRole, AssumeRoleWithOIDC) and
 * exchanges again before they expire: when less than {@link #MIN_REMAINING} or
 * {@link #MIN_REMAINING_FRACTION} of their lifetime remains, whichever comes first. A RAM
 * call therefore never starts with credentials about to lapse mid-request.
 *
 * <p>Only one exchange runs at a time. Callers arriving meanwhile get the cached credentials
 * at once while those are still valid (an early refresh keeps nobody waiting for STS); only
 * without valid credentials do they wait for the exchange's result instead of starting their
 * own. When an early refresh fails but the cached credentials have not expired yet, they are
 * still served and the next attempt waits a backoff ({@link #FIRST_RETRY}, doubling up to
 * {@link #MAX_RETRY}, never past the expiry): STS being briefly unavailable should neither
 * stop work that valid credentials can do nor receive an exchange from every caller.
 */
final class TemporaryCredentialCache {
    static final Duration MIN_REMAINING = Duration.ofMinutes(5);
    static final double MIN_REMAINING_FRACTION = 0.2;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(TemporaryCredentialCache.class);

    private final Supplier<AccessKeyCredentials> exchange;
    private final Clock clock;
    private final String description;
    private final ReentrantLock exchangeLock = new ReentrantLock();
    private volatile Cached cached;

    /** @param failures early refreshes that failed in a row since these credentials were obtained */
    private record Cached(AccessKeyCredentials credentials, Instant refreshAt, int failures) {}

    /**
     * @param description names the exchange in log lines, e.g. the role ARN; never a secret
     */
    TemporaryCredentialCache(Supplier<AccessKeyCredentials> exchange, Clock clock, String description) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.description = description;
    }

    AccessKeyCredentials get() {
        Cached current = cached;
        Instant seen = clock.instant();
        if (current != null && seen.isBefore(current.refreshAt())) {
            return current.credentials();
        }
        if (current != null && stillValid(current.credentials(), seen)) {
            if (!exchangeLock.tryLock()) {
                return current.credentials(); // another caller is refreshing early
            }
        } else {
            exchangeLock.lock();
        }
        try {
            current = cached;
            Instant now = clock.instant();
            if (current != null && now.isBefore(current.refreshAt())) {
                return current.credentials();
            }
            return refresh(current, now);
        } finally {
            exchangeLock.unlock();
        }
    }

    void invalidate() {
        cached = null;
    }

    private AccessKeyCredentials refresh(Cached current, Instant now) {
        try {
            AccessKeyCredentials fresh = exchange.get();
            cached = new Cached(fresh, refreshAt(fresh, now), 0);
            return fresh;
        } catch (RuntimeException e) {
            if (current != null && stillValid(current.credentials(), now)) {
                Instant retryAt = retryAt(current, now);
                cached = new Cached(current.credentials(), retryAt, current.failures() + 1);
                LOG.warn("Early refresh of temporary credentials for {} failed ({}); using the current ones, next attempt at {}",
                        description, e.getMessage(), retryAt);
                return current.credentials();
            }
            throw e;
        }
    }

    /** {@link #FIRST_RETRY} doubled per failure so far, at most {@link #MAX_RETRY}, never past the expiry. */
    private static Instant retryAt(Cached current, Instant now) {
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(current.failures(), 16));
        Instant retryAt = now.plus(backoff.compareTo(MAX_RETRY) < 0 ? backoff : MAX_RETRY);
        Instant expiration = current.credentials().expiration();
        return expiration != null && retryAt.isAfter(expiration) ? expiration : retryAt;
    }

    private static boolean stillValid(AccessKeyCredentials credentials, Instant now) {
        return credentials.expiration() == null || now.isBefore(credentials.expiration());
    }

    static Instant refreshAt(AccessKeyCredentials credentials, Instant obtainedAt) {
        Instant expiration = credentials.expiration();
        if (expiration == null) {
            return Instant.MAX;
        }
        Duration lifetime = Duration.between(obtainedAt, expiration);
        Duration byFraction = Duration.ofMillis((long) (lifetime.toMillis() * MIN_REMAINING_FRACTION));
        Duration margin = byFraction.compareTo(MIN_REMAINING) > 0 ? byFraction : MIN_REMAINING;
        return expiration.minus(margin);
    }
}
