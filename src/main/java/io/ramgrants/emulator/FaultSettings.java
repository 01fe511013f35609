package io.ramgrants.emulator;

/**
 * Injected faults, changeable at runtime: the fraction of authenticated calls answered
 * 400 {@code Throttling.User}, the fraction answered 503/500 before the action runs, a fixed
 * added latency, and the fraction of RAM writes whose reply is lost: the write takes effect,
 * then the caller gets a 503/500 all the same (as after a timeout behind RAM's front end).
 */
public record FaultSettings(double throttle, double serverError, long latencyMs, double lostReply) {
    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0);

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
    }

    /** Without lost replies. */
    public FaultSettings(double throttle, double serverError, long latencyMs) {
        this(throttle, serverError, latencyMs, 0);
    }

    public FaultSettings withLostReply(double fraction) {
        return new FaultSettings(throttle, serverError, latencyMs, fraction);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, got " + value);
        }
    }
}
