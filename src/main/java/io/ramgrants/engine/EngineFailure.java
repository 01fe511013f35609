package io.ramgrants.engine;

import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import java.util.Optional;

/**
 * The RAM call that stopped a pass: either a planned action, or a read while observing
 * ({@code action} empty). {@code step} is a stable line naming it.
 */
public record EngineFailure(String step, Optional<PlannedAction> action, String accountId, String roleName,
                            RamException error) {

    public static EngineFailure ofAction(PlannedAction action, String roleName, RamException error) {
        return new EngineFailure(action.line(), Optional.of(action), action.accountId(), roleName, error);
    }

    public static EngineFailure ofObservation(String accountId, String roleName, RamException error) {
        return new EngineFailure("Observe " + roleName + " in " + accountId, Optional.empty(), accountId, roleName,
                error);
    }

    public RamErrorKind kind() {
        return error.kind();
    }

    public String code() {
        return error.code();
    }

    /** {@code <step>: <RAM code>}, free of request IDs so it can go into a status condition. */
    public String summary() {
        return step + ": " + error.code();
    }
}
