package io.ramgrants.emulator;

import java.util.function.LongSupplier;

/** A token bucket holding one second's worth of calls; refills continuously. */
final class TokenBucket {
    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    TokenBucket(double perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1.0, perSecond);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastRefill = nanoTime.getAsLong();
    }

    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
