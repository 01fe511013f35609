package io.ramgrants.controller.grant;

import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.EngineFailure;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How long a grant may keep meeting refusals that look like RAM catching up with our own earlier
 * write ({@link EngineFailure#mayBeCatchingUp()}) before they count as RAM's answer: within the
 * bound the grant is requeued as {@code RamCatchingUp}; past it, it stalls naming the RAM code.
 * The clock is monotonic and in memory: a restart starts the bound again.
 */
final class CatchUpBound {
    private final Duration bound;
    private final LongSupplier nanoTime;
    /** When each grant first met a catching-up refusal it still meets. */
    private final Map<OwnerRef, Long> since = new ConcurrentHashMap<>();

    CatchUpBound(Duration bound, LongSupplier nanoTime) {
        this.bound = bound;
        this.nanoTime = nanoTime;
    }

    /** True while the pass stopped on a catching-up refusal first met less than the bound ago. */
    boolean within(OwnerRef owner, Optional<EngineFailure> failure) {
        if (failure.isEmpty() || !failure.get().mayBeCatchingUp()) {
            since.remove(owner);
            return false;
        }
        long first = since.computeIfAbsent(owner, o -> nanoTime.getAsLong());
        return Duration.ofNanos(nanoTime.getAsLong() - first).compareTo(bound) < 0;
    }

    void forget(OwnerRef owner) {
        since.remove(owner);
    }
}
