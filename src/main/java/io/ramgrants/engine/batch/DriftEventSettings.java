package io.ramgrants.engine.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * Event-driven drift detection: whether the operator reads each account's RAM write events
 * from ActionTrail, how often (one {@code LookupEvents} call per account per interval at most),
 * how far each query reaches back before the cursor, so that events delivered late are
 * still found (duplicates are dropped by event ID), and how long an account whose credentials
 * may not call {@code LookupEvents} waits before asking again (someone may grant it).
 */
public record DriftEventSettings(Source source, Duration pollInterval, Duration overlap, Duration retryAfterRefusal) {
    public enum Source { ACTIONTRAIL, OFF }

    public static final Duration DEFAULT_POLL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RETRY_AFTER_REFUSAL = Duration.ofMinutes(10);

    public DriftEventSettings(Source source, Duration pollInterval, Duration overlap) {
        this(source, pollInterval, overlap, DEFAULT_RETRY_AFTER_REFUSAL);
    }

    public DriftEventSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(overlap, "overlap");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("drift event poll interval must be positive: " + pollInterval);
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("drift event overlap must not be negative: " + overlap);
        }
        Objects.requireNonNull(retryAfterRefusal, "retryAfterRefusal");
        if (retryAfterRefusal.isNegative() || retryAfterRefusal.isZero()) {
            throw new IllegalArgumentException("drift event retry after a refusal must be positive: " + retryAfterRefusal);
        }
    }

    public static DriftEventSettings defaults() {
        return new DriftEventSettings(Source.ACTIONTRAIL, DEFAULT_POLL, DEFAULT_OVERLAP);
    }

    public static DriftEventSettings off() {
        return defaults().withSource(Source.OFF);
    }

    public boolean enabled() {
        return source == Source.ACTIONTRAIL;
    }

    public DriftEventSettings withSource(Source newSource) {
        return new DriftEventSettings(newSource, pollInterval, overlap, retryAfterRefusal);
    }

    public DriftEventSettings withPollInterval(Duration interval) {
        return new DriftEventSettings(source, interval, overlap, retryAfterRefusal);
    }

    public DriftEventSettings withOverlap(Duration newOverlap) {
        return new DriftEventSettings(source, pollInterval, newOverlap, retryAfterRefusal);
    }

    /** After {@code NoPermission} or a refused query, the next {@code LookupEvents} comes this much later. */
    public DriftEventSettings withRetryAfterRefusal(Duration retry) {
        return new DriftEventSettings(source, pollInterval, overlap, retry);
    }
}
