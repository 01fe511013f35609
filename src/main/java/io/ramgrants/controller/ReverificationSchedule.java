package io.ramgrants.controller;

import io.ramgrants.accounts.AccountReason;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * When to look at an account again. Verified and stalled accounts are re-verified
 * periodically (keys get disabled, permissions change, and RAM has no watch), jittered so
 * that accounts created together do not verify together forever. Transient STS failures back
 * off exponentially per account, also jittered.
 */
public final class ReverificationSchedule {
    static final double JITTER = 0.1;

    private final Duration resyncInterval;
    private final Duration retryBase;
    private final Duration retryMax;
    private final DoubleSupplier random;
    private final Map<String, Integer> transientFailures = new ConcurrentHashMap<>();

    /**
     * @param random uniform in [0, 1); injectable so tests see exact delays
     */
    public ReverificationSchedule(Duration resyncInterval, Duration retryBase, Duration retryMax, DoubleSupplier random) {
        this.resyncInterval = Objects.requireNonNull(resyncInterval, "resyncInterval");
        this.retryBase = Objects.requireNonNull(retryBase, "retryBase");
        this.retryMax = Objects.requireNonNull(retryMax, "retryMax");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static ReverificationSchedule defaults() {
        return new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMinutes(5), Math::random);
    }

    /** The delay after a pass that ended with {@code reason}; counts consecutive transient failures. */
    public Duration next(String accountName, AccountReason reason) {
        if (reason.handling() != AccountReason.Handling.RETRY) {
            transientFailures.remove(accountName);
            return jittered(resyncInterval);
        }
        int failures = transientFailures.merge(accountName, 1, Integer::sum);
        return jittered(Backoff.exponential(retryBase, failures, retryMax));
    }

    public void forget(String accountName) {
        transientFailures.remove(accountName);
    }

    /** ±{@link #JITTER} of {@code base}. */
    private Duration jittered(Duration base) {
        return Backoff.jittered(base, JITTER, random.getAsDouble());
    }
}
