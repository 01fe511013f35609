package io.ramgrants.emulator;

import java.util.Random;

/**
 * Decides, per authenticated call, whether to answer with an injected fault. One seeded
 * random stream: the same sequence of calls gets the same faults (calls made concurrently
 * reach it in whatever order the threads run).
 */
final class FaultInjector {
    enum Fault { NONE, THROTTLE, SERVICE_UNAVAILABLE, INTERNAL_ERROR }

    private final Random random;
    private volatile FaultSettings settings;

    FaultInjector(FaultSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed);
    }

    FaultSettings settings() {
        return settings;
    }

    void settings(FaultSettings settings) {
        this.settings = settings;
    }

    synchronized Fault next() {
        FaultSettings s = settings;
        double draw = random.nextDouble();
        boolean unavailable = random.nextBoolean();
        if (draw < s.throttle()) {
            return Fault.THROTTLE;
        }
        if (draw < s.throttle() + s.serverError()) {
            return unavailable ? Fault.SERVICE_UNAVAILABLE : Fault.INTERNAL_ERROR;
        }
        return Fault.NONE;
    }

    static RamError toError(Fault fault) {
        return switch (fault) {
            case THROTTLE -> RamError.throttled();
            case SERVICE_UNAVAILABLE -> new RamError(503, "ServiceUnavailable",
                    "The request has failed due to a temporary failure of the server.");
            case INTERNAL_ERROR -> new RamError(500, "InternalError",
                    "The request processing has failed due to some unknown error, exception or failure.");
            case NONE -> throw new IllegalArgumentException("no fault");
        };
    }
}
