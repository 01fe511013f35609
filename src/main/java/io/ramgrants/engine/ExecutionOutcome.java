package io.ramgrants.engine;

import java.util.List;
import java.util.Optional;

/**
 * What executing a plan did. At most one of {@code failure} and {@code staleAt} is present:
 * a failure stops the pass with an error; a stale observation stops it quietly so the next
 * pass re-observes (never a duplicate create).
 */
public record ExecutionOutcome(List<PlannedAction> applied, Optional<EngineFailure> failure,
                               Optional<PlannedAction> staleAt) {
    public ExecutionOutcome {
        applied = List.copyOf(applied);
    }

    public static ExecutionOutcome nothingApplied() {
        return new ExecutionOutcome(List.of(), Optional.empty(), Optional.empty());
    }

    public boolean completed() {
        return failure.isEmpty() && staleAt.isEmpty();
    }
}
