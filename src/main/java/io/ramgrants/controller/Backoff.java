package io.ramgrants.controller;

import java.time.Duration;

/**
 * The delays both controllers schedule with: exponential backoff per consecutive failure, capped,
 * and a ± jitter so that resources created together do not come back together forever.
 */
public final class Backoff {
    private Backoff() {}

    /** {@code first} doubled for each failure after the first ({@code failures} ≥ 1), at most {@code cap}. */
    public static Duration exponential(Duration first, int failures, Duration cap) {
        long factor = 1L << Math.min(Math.max(failures, 1) - 1, 20);
        Duration backoff = first.multipliedBy(factor);
        return backoff.compareTo(cap) > 0 ? cap : backoff;
    }

    /**
     * {@code base} scaled by a factor in [1 - fraction, 1 + fraction), never below a millisecond.
     *
     * @param uniform a random number in [0, 1); injectable so tests see exact delays
     */
    public static Duration jittered(Duration base, double fraction, double uniform) {
        double factor = 1 + fraction * (2 * uniform - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }
}
