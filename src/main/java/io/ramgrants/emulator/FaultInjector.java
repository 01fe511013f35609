package io.ramgrants.emulator;

import java.util.Random;

/**
 * Decides, per authenticated call, whether to answer with an injected fault. One seeded
 * random stream: the same sequence of calls gets the same faults (calls made concurrently
 * reach it in whatever order the threads run).
 *
 * <p>A lost reply applies to RAM writes only: the action runs and keeps its effect, then the
 * caller gets a 5xx. Reads are left alone since repeating a read is harmless anyway; a read
 * drawing a lost reply is simply served.
 */
final class FaultInjector {
    enum Fault {
        NONE, THROTTLE, SERVICE_UNAVAILABLE, INTERNAL_ERROR, LOST_REPLY_UNAVAILABLE, LOST_REPLY_INTERNAL;

        /** True when the action runs first and the fault replaces its answer. */
        boolean afterAction() {
            return this == LOST_REPLY_UNAVAILABLE || this == LOST_REPLY_INTERNAL;
        }
    }

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

    synchronized Fault next(boolean write) {
        FaultSettings s = settings;
        double draw = random.nextDouble();
        boolean unavailable = random.nextBoolean();
        if (draw < s.throttle()) {
            return Fault.THROTTLE;
        }
        if (draw < s.throttle() + s.serverError()) {
            return unavailable ? Fault.SERVICE_UNAVAILABLE : Fault.INTERNAL_ERROR;
        }
        if (write && draw < s.throttle() + s.serverError() + s.lostReply()) {
            return unavailable ? Fault.LOST_REPLY_UNAVAILABLE : Fault.LOST_REPLY_INTERNAL;
        }
        return Fault.NONE;
    }

    /** RAM writes: every RAM action but the Get* and List* reads. STS calls are not RAM writes. */
    static boolean isWrite(ActionRouter.Route route) {
        String name = route.name();
        return route.product() == ActionRouter.Product.RAM && !name.startsWith("Get") && !name.startsWith("List");
    }

    static RamError toError(Fault fault) {
        return switch (fault) {
            case THROTTLE -> RamError.throttled();
            case SERVICE_UNAVAILABLE, LOST_REPLY_UNAVAILABLE -> new RamError(503, "ServiceUnavailable",
                    "The request has failed due to a temporary failure of the server.");
            case INTERNAL_ERROR, LOST_REPLY_INTERNAL -> new RamError(500, "InternalError",
                    "The request processing has failed due to some unknown error, exception or failure.");
            case NONE -> throw new IllegalArgumentException("no fault");
        };
    }
}
