package io.ramgrants.controller.grant;

import io.ramgrants.controller.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to look at a grant again. RAM has no watch, so every grant is re-observed after the
 * resync period (STYLE 11), jittered ±10 % so that grants created together do not resync
 * together. A pass that failed for a transient reason comes back sooner, with exponential
 * backoff per resource, capped at the resync period.
 */
public final class Resync {
    /** The fraction by which every delay is jittered either way. */
    public static final double JITTER = 0.1;
    private final Duration period;
    private final Duration firstRetry;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    Resync(Duration period, Duration firstRetry) {
        if (period.isNegative() || period.isZero() || firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("resync period and first retry must be positive");
        }
        this.period = period;
        this.firstRetry = firstRetry;
    }

    Duration period() {
        return period;
    }

    /**
     * The longest a grant waits for its next pass after one ended, converged or retrying (retries back
     * off up to the period): the period plus its jitter. A deferred pass is woken sooner.
     */
    public static Duration longestWait(Duration period) {
        return Duration.ofMillis(Math.round(period.toMillis() * (1 + JITTER)));
    }

    /** The delay before the next pass over {@code key}, given how this pass ended. */
    Duration next(String key, boolean retry) {
        if (!retry) {
            failures.remove(key);
            return jittered(period);
        }
        int attempt = failures.merge(key, 1, Integer::sum);
        return jittered(Backoff.exponential(firstRetry, attempt, period));
    }

    /**
     * When to try a deferred pass again if no wake-up comes first: a deferred grant is woken as
     * soon as its account has room, so this is only a backstop.
     */
    Duration deferral() {
        return jittered(firstRetry);
    }

    void forget(String key) {
        failures.remove(key);
    }

    private static Duration jittered(Duration base) {
        return Backoff.jittered(base, JITTER, ThreadLocalRandom.current().nextDouble());
    }
}
