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
    /** RAM's refusal of a sixth version of a policy. */
    static final String VERSION_LIMIT_EXCEEDED = "LimitExceeded.Policy.Version";

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

    /** Worth another pass soon: throttling, a 5xx or timeout, expired credentials. */
    public boolean transientFailure() {
        return error.kind().retryable();
    }

    /**
     * A write refused in a way RAM gives while it is still catching up with an earlier write
     * (RAM is eventually consistent): {@code DeleteConflict.*} right after a detach or version
     * delete, {@code LimitExceeded.Policy.Version} right after a version delete, and
     * {@code EntityNotExist.*} right after a create. The same codes also mean a person must act
     * (someone else attached our policy) when they persist, so callers retry them for a bounded time only.
     */
    public boolean mayBeCatchingUp() {
        if (action.isEmpty()) {
            return false;
        }
        String c = error.code() == null ? "" : error.code();
        return c.startsWith("DeleteConflict.") || c.equals(VERSION_LIMIT_EXCEEDED)
                || (action.get() instanceof PlannedAction.AttachPolicy && error.kind() == RamErrorKind.NOT_FOUND);
    }

    /** {@code <step>: <RAM code>}, free of request IDs so it can go into a status condition. */
    public String summary() {
        return step + ": " + error.code();
    }
}
