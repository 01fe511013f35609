package io.ramgrants.engine;

import java.util.Optional;

/** Names one role's state from its plan, what was applied and the options of the pass. */
final class RoleStates {
    private RoleStates() {}

    static RoleState afterReconcile(RolePlan plan, boolean conflicted, ExecutionOutcome outcome,
                                    EngineOptions options) {
        if (conflicted) {
            return RoleState.CONFLICT;
        }
        if (plan.isEmpty()) {
            return RoleState.UP_TO_DATE;
        }
        if (!options.writesAllowed()) {
            return options.paused() ? RoleState.PENDING : RoleState.DRIFTED;
        }
        return executed(plan, outcome).orElse(plan.creates() ? RoleState.CREATED : RoleState.UPDATED);
    }

    static RoleState afterDeletion(RolePlan plan, boolean conflicted, ExecutionOutcome outcome, EngineOptions options) {
        if (conflicted) {
            return RoleState.CONFLICT;
        }
        if (plan.isEmpty()) {
            return RoleState.DELETED;
        }
        if (!options.writesAllowed()) {
            return RoleState.PENDING;
        }
        return executed(plan, outcome).orElse(RoleState.DELETED);
    }

    /** FAILED or PENDING when the role's actions did not all run; empty when they did. */
    private static Optional<RoleState> executed(RolePlan plan, ExecutionOutcome outcome) {
        boolean failedHere = outcome.failure().flatMap(EngineFailure::action)
                .filter(plan.actions()::contains).isPresent();
        if (failedHere) {
            return Optional.of(RoleState.FAILED);
        }
        return outcome.applied().containsAll(plan.actions()) ? Optional.empty() : Optional.of(RoleState.PENDING);
    }
}
