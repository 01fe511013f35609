package io.ramgrants.ram;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One call budget per Alibaba Cloud account, shared by every gateway that calls RAM for it.
 * RAM's quotas are per root account, so the engine, the controllers and the CLI must draw from
 * the same limiter or together they overrun the quota and spend it on throttling errors. Keep
 * one registry per process (the {@link RamGateways} holds it).
 *
 * <p>The limiter is smooth: permits are spaced evenly ({@code 1/qps} apart) rather than issued
 * in bursts, which keeps us under RAM's per-second windows however they are aligned.
 */
public final class AccountRateLimiters {
    private final double qps;
    private final ConcurrentMap<String, RateLimiter<Object>> limiters = new ConcurrentHashMap<>();

    public AccountRateLimiters(double qps) {
        if (!(qps > 0)) {
            throw new IllegalArgumentException("qps must be positive: " + qps);
        }
        this.qps = qps;
    }

    public double qps() {
        return qps;
    }

    /**
     * Blocks until {@code accountId} may make one more call.
     *
     * @return how long the caller waited
     * @throws CancellationException when the thread is interrupted while waiting (the flag is kept)
     */
    public Duration acquire(String accountId) {
        RateLimiter<Object> limiter = limiters.computeIfAbsent(accountId, id -> newLimiter());
        long start = System.nanoTime();
        try {
            limiter.acquirePermit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the RAM rate limit of " + accountId);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private RateLimiter<Object> newLimiter() {
        long nanosBetweenCalls = Math.max(1, Math.round(1_000_000_000d / qps));
        return RateLimiter.smoothBuilder(Duration.ofNanos(nanosBetweenCalls)).build();
    }
}
