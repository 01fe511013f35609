package io.ramgrants.emulator;

/**
 * Injected faults, changeable at runtime: the fraction of authenticated calls answered
 * 400 {@code Throttling.User}, the fraction answered 503/500 before the action runs, a fixed
 * added latency, and the fraction of RAM writes whose reply is lost: the write takes effect,
 * then the caller gets a 503/500 all the same (as after a timeout behind RAM's front end); and the
 * consistency lag ({@link ConsistencyLag}): how long dependent calls may still see the state before a write.
 */
public record FaultSettings(double throttle, double serverError, long latencyMs, double lostReply,
                            long consistencyLagMs) {
    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0);

    public FaultSettings {
        requireFraction("throttle", throttle);
        requireFraction("serverError", serverError);
        requireFraction("lostReply", lostReply);
        if (throttle + serverError + lostReply > 1.0) {
            throw new IllegalArgumentException("throttle + serverError + lostReply must not exceed 1");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0");
        }
        if (consistencyLagMs < 0) {
            throw new IllegalArgumentException("consistencyLagMs must be >= 0");
        }
    }

    /** Without a consistency lag: every write is visible to the next call at once. */
    public FaultSettings(double throttle, double serverError, long latencyMs, double lostReply) {
        this(throttle, serverError, latencyMs, lostReply, 0);
    }

    /** Without lost replies. */
    public FaultSettings(double throttle, double serverError, long latencyMs) {
        this(throttle, serverError, latencyMs, 0);
    }

    public FaultSettings withLostReply(double fraction) {
        return new FaultSettings(throttle, serverError, latencyMs, fraction, consistencyLagMs);
    }

    /** RAM catching up: after a write, dependent calls may see the old state for up to {@code lag} (seeded). */
    public FaultSettings withConsistencyLag(java.time.Duration lag) {
        return new FaultSettings(throttle, serverError, latencyMs, lostReply, lag.toMillis());
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, got " + value);
        }
    }
}
