package io.ramgrants.ram;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Call budgets per Alibaba Cloud account, shared by every gateway that calls RAM for it. RAM's
 * quotas are per root account, so the engine, the controllers and the CLI must draw from the
 * same limiters or together they overrun the quota and spend it on throttling errors. Keep one
 * registry per process (the {@link RamGateways} holds it).
 *
 * <p>Two shapes: {@linkplain #ramQuotas() one budget per account and action} at RAM's documented
 * quota for that action (the default: attaching is capped at 10/s while reads may run at 100/s),
 * or {@linkplain #AccountRateLimiters(double) one uniform budget per account} for all actions.
 *
 * <p>Limiters are smooth: permits are spaced evenly ({@code 1/qps} apart) rather than issued in
 * bursts, which keeps us under RAM's per-second windows however they are aligned.
 */
public final class AccountRateLimiters {
    private final double uniformQps;
    private final ConcurrentMap<String, RateLimiter<Object>> limiters = new ConcurrentHashMap<>();

    /** One budget of {@code qps} calls per second per account, all actions together. */
    public AccountRateLimiters(double qps) {
        if (!(qps > 0)) {
            throw new IllegalArgumentException("qps must be positive: " + qps);
        }
        this.uniformQps = qps;
    }

    private AccountRateLimiters() {
        this.uniformQps = 0;
    }

    /** One budget per account and action, at {@link RamQuotas#perSecond(String) RAM's quota}. */
    public static AccountRateLimiters ramQuotas() {
        return new AccountRateLimiters();
    }

    /** The registry {@code settings} describe. */
    public static AccountRateLimiters of(RamClientSettings settings) {
        return settings.ramQuotas() ? ramQuotas() : new AccountRateLimiters(settings.qps());
    }

    public boolean perAction() {
        return uniformQps == 0;
    }

    /** Calls per second {@code action} may make in one account. */
    public double qpsFor(String action) {
        return perAction() ? RamQuotas.perSecond(action) : uniformQps;
    }

    /** Blocks until {@code accountId} may make one more call of an action RAM lists no quota for. */
    public Duration acquire(String accountId) {
        return acquire(accountId, "");
    }

    /**
     * Blocks until {@code accountId} may make one more {@code action} call.
     *
     * @return how long the caller waited
     * @throws CancellationException when the thread is interrupted while waiting (the flag is kept)
     */
    public Duration acquire(String accountId, String action) {
        Objects.requireNonNull(action, "action");
        String key = perAction() ? accountId + "/" + action : accountId;
        RateLimiter<Object> limiter = limiters.computeIfAbsent(key, k -> newLimiter(qpsFor(action)));
        long start = System.nanoTime();
        try {
            limiter.acquirePermit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the RAM rate limit of " + accountId);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static RateLimiter<Object> newLimiter(double qps) {
        long nanosBetweenCalls = Math.max(1, Math.round(1_000_000_000d / qps));
        return RateLimiter.smoothBuilder(Duration.ofNanos(nanosBetweenCalls)).build();
    }
}
