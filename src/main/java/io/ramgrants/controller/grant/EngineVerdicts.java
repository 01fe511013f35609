package io.ramgrants.controller.grant;

import io.ramgrants.engine.Conflict;
import io.ramgrants.engine.ConflictReason;
import io.ramgrants.engine.EngineFailure;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.ManagementMode;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.RoleState;
import java.util.stream.Collectors;

/**
 * Turns what the engine did into a verdict. Errors fall into three kinds (STYLE 5): terminal
 * (access denied, rejected input) stall; retryable (throttling, 5xx) back off; a stale
 * observation just re-observes.
 */
final class EngineVerdicts {
    private EngineVerdicts() {}

    static Verdict afterReconcile(EngineResult result, EngineOptions options) {
        if (result.failure().isPresent()) {
            return failed(result.failure().get(), "");
        }
        if (result.hasConflicts()) {
            return conflict(result);
        }
        int pending = result.plan().actions().size();
        if (options.paused()) {
            return pending == 0
                    ? Verdict.ready(GrantReasons.PAUSED, "paused by annotation ramgrants.io/paused; RAM matches")
                    : Verdict.notReady(GrantReasons.PAUSED, "paused by annotation ramgrants.io/paused; " + pending
                    + " RAM write(s) not performed, see status.plan");
        }
        if (options.mode() == ManagementMode.OBSERVE) {
            return pending == 0
                    ? Verdict.ready(GrantReasons.UP_TO_DATE, "Observe mode: " + matching(result))
                    : Verdict.stalled(GrantReasons.DRIFT_DETECTED, "Observe mode: RAM differs from the desired state; "
                    + pending + " RAM write(s) not performed, see status.plan");
        }
        if (!result.removals().unreachable().isEmpty()) {
            return Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY, "cannot look for RAM entities this resource no"
                    + " longer declares: " + String.join("; ", result.removals().unreachable())
                    + "; they are removed once the account is reachable");
        }
        if (result.staleObservation() || !result.converged()) {
            return Verdict.retrying(GrantReasons.CHANGES_PENDING,
                    "RAM changed while applying; the next pass observes it again");
        }
        if (result.applied().isEmpty()) {
            return Verdict.ready(GrantReasons.UP_TO_DATE, matching(result));
        }
        return result.roles().stream().anyMatch(r -> r.state() == RoleState.UPDATED)
                ? Verdict.ready(GrantReasons.DRIFT_CORRECTED, matching(result) + " after this pass corrected RAM")
                : Verdict.ready(GrantReasons.CREATED, matching(result) + " after this pass created them");
    }

    /** Deletion is done when nothing of ours is left; roles of other owners are never touched. */
    static boolean deletionDone(EngineResult result) {
        return result.failure().isEmpty() && !result.removals().pending()
                && result.roles().stream().map(RoleResult::state)
                .allMatch(s -> s == RoleState.DELETED || s == RoleState.RETAINED || s == RoleState.CONFLICT);
    }

    static Verdict afterFailedDeletion(EngineResult result, EngineOptions options) {
        String prefix = "deletion blocked, finalizer kept: ";
        if (result.failure().isPresent()) {
            return failed(result.failure().get(), prefix);
        }
        if (options.paused()) {
            return Verdict.notReady(GrantReasons.PAUSED, prefix + "paused by annotation ramgrants.io/paused;"
                    + " remove it, or set spec.deletionPolicy: Retain to leave RAM as it is");
        }
        if (!result.removals().unreachable().isEmpty()) {
            return Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY, prefix + "cannot reach "
                    + String.join("; ", result.removals().unreachable())
                    + " (or set spec.deletionPolicy: Retain to leave RAM as it is)");
        }
        return Verdict.retrying(GrantReasons.DELETION_BLOCKED, prefix + "RAM changed while deleting; retrying");
    }

    /** A refusal that looks like RAM catching up with our own earlier write, within its bound: requeue with backoff. */
    static Verdict catchingUp(EngineFailure failure) {
        return Verdict.retrying(GrantReasons.RAM_CATCHING_UP, failure.summary()
                + ": RAM has not caught up with an earlier write yet; retrying with backoff");
    }

    private static Verdict failed(EngineFailure failure, String prefix) {
        String what = prefix + failure.summary();
        return switch (failure.kind()) {
            case THROTTLED -> Verdict.retrying(GrantReasons.RAM_THROTTLED,
                    what + ": RAM kept throttling after retries; retrying with backoff");
            case TRANSIENT, CREDENTIALS_EXPIRED -> Verdict.retrying(GrantReasons.RAM_UNAVAILABLE,
                    what + ": RAM unavailable after retries; retrying with backoff");
            case ACCESS_DENIED -> Verdict.stalled(GrantReasons.RAM_ACCESS_DENIED, what + ": RAM denied "
                    + permission(failure.error().action()) + " to the credentials of account " + failure.accountId()
                    + "; allow it in their RAM policy (README: \"The operator's own RAM permissions\");"
                    + " the next resync retries");
            default -> failure.mayBeCatchingUp()
                    // The engine already waited for RAM to catch up with an earlier write; it still refuses.
                    ? Verdict.stalled(GrantReasons.RAM_REJECTED, what + ": RAM kept refusing for over "
                            + GrantWorkflow.CATCH_UP_BOUND.toMinutes() + " minutes, longer than it takes to catch up with"
                            + " an earlier write; something outside this grant may hold the role or policy;"
                            + " the next resync retries")
                    : Verdict.stalled(GrantReasons.RAM_REJECTED, what + ": RAM refused the request");
        };
    }

    /** The name a RAM policy's {@code Action} uses for the call RAM refused. */
    private static String permission(String action) {
        if (action == null || action.isBlank()) {
            return "a call";
        }
        return (action.startsWith("AssumeRole") || action.equals("GetCallerIdentity") ? "sts:" : "ram:") + action;
    }

    private static Verdict conflict(EngineResult result) {
        boolean unowned = result.conflicts().stream().anyMatch(c -> c.reason() == ConflictReason.UNOWNED);
        return Verdict.stalled(GrantReasons.MANAGEMENT_CONFLICT, result.conflicts().stream().map(Conflict::message)
                .collect(Collectors.joining("; "))
                + (unowned ? "; set spec.adoption: IfUnowned to take it over, or choose another name"
                : "; choose another name, or free this one: delete that resource, or change its spec so it no"
                + " longer declares the role (with deletionPolicy Delete the operator then removes it)"));
    }

    private static String matching(EngineResult result) {
        return result.roles().size() + " role(s) match the desired state";
    }
}
