package io.ramgrants.emulator;

/**
 * Injected faults, changeable at runtime: the fraction of authenticated calls answered
 * 400 {@code Throttling.User}, the fraction answered 503/500, and a fixed added latency.
 */
public record FaultSettings(double throttle, double serverError, long latencyMs) {
    public static final FaultSettings NONE = new FaultSettings(0, 0, 0);

    public FaultSettings {
        requireFraction("throttle", throttle);
        requireFraction("serverError", serverError);
        if (throttle + serverError > 1.0) {
            throw new IllegalArgumentException("throttle + serverError must not exceed 1");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0");
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, got " + value);
        }
    }
}
