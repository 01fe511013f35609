package io.ramgrants.controller.grant;

import io.ramgrants.api.DriftCorrection;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.InventoryEntry;
import io.ramgrants.api.RoleStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.StatusWrites;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.PlannedAction;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.RoleState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a grant's status from scratch from one pass (STYLE 6) and decides whether it is
 * worth a write.
 *
 * <p>{@code lastSyncTime} is the one field that changes on every pass. Writing it each time
 * would cost an API write per pass; skipping it forever would make it meaningless. So a status
 * that differs only in {@code lastSyncTime} is written when the stored time is older than
 * {@code syncRefresh} (half the resync period): the periodic resync refreshes it, extra passes
 * triggered in between (account changes, claims) do not. Status-only writes never trigger a
 * reconcile (see {@link GrantUpdateFilter}), so there is no loop either way.
 */
final class GrantStatuses {
    private final Duration syncRefresh;

    GrantStatuses(Duration syncRefresh) {
        this.syncRefresh = syncRefresh;
    }

    GrantStatus build(GrantStatus previous, PassOutcome outcome, Long generation, Instant now) {
        GrantStatus last = previous == null ? new GrantStatus() : previous;
        GrantStatus status = new GrantStatus();
        status.observedGeneration = generation;
        status.conditions = Conditions.merge(last.conditions, outcome.verdict().conditions(generation), now);
        status.notes = new ArrayList<>(outcome.notes());
        status.lastDriftCorrection = last.lastDriftCorrection;
        if (outcome.result().isEmpty()) {
            // Nothing was observed: the last observation of the roles still stands.
            status.roles = last.roles == null ? new ArrayList<>() : last.roles;
            status.roleArns = last.roleArns == null ? "" : last.roleArns;
            status.lastSyncTime = last.lastSyncTime;
            status.inventory = last.inventory;
            return status;
        }
        EngineResult result = outcome.result().get();
        status.roles = result.roles().stream().map(GrantStatuses::role).toList();
        status.roleArns = String.join(",", status.roles.stream().map(r -> r.arn).toList());
        status.plan = pending(result);
        status.inventory = StatusInventory.write(result.removals().inventory());
        status.lastSyncTime = Conditions.timestamp(now);
        if (!result.applied().isEmpty()) {
            DriftCorrection correction = new DriftCorrection();
            correction.time = Conditions.timestamp(now);
            correction.actions = result.appliedLines();
            status.lastDriftCorrection = correction;
        }
        return status;
    }

    /**
     * {@code previous} as it stands, with {@code inventory} instead of its own: the write intent a
     * pass records before its first RAM write into a new account. The rest (observedGeneration
     * included) stays as the last pass left it, so a pass after a crash still sees an unrecorded
     * spec change and scans.
     */
    static GrantStatus withInventory(GrantStatus previous, List<InventoryEntry> inventory) {
        // A deep copy: the cached resource's status is never shared with a status being built.
        GrantStatus status = previous == null ? new GrantStatus() : StatusWrites.copy(previous);
        status.inventory = inventory;
        return status;
    }

    /** True when {@code next} says something {@code previous} does not, or the sync time is due a refresh. */
    boolean worthWriting(GrantStatus previous, GrantStatus next, Instant now) {
        if (previous == null || !StatusWrites.sameStatus(previous, next, "lastSyncTime")) {
            return true;
        }
        if (next.lastSyncTime == null || next.lastSyncTime.equals(previous.lastSyncTime)) {
            return false;
        }
        return syncTimeDue(previous.lastSyncTime, now);
    }

    private boolean syncTimeDue(String lastSyncTime, Instant now) {
        if (lastSyncTime == null) {
            return true;
        }
        try {
            return !Instant.parse(lastSyncTime).plus(syncRefresh).isAfter(now);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** The actions not performed: all of them when writes were off, the rest after a failure. */
    private static List<String> pending(EngineResult result) {
        return result.plan().actions().stream()
                .filter(action -> !result.applied().contains(action))
                .map(PlannedAction::detailedLine)
                .toList();
    }

    private static RoleStatus role(RoleResult result) {
        RoleStatus role = new RoleStatus();
        role.accountId = result.accountId();
        role.roleName = result.roleName();
        role.arn = result.arn();
        role.state = stateName(result.state());
        return role;
    }

    /** CamelCase and stable across passes: a role created or corrected is simply Ready afterwards. */
    static String stateName(RoleState state) {
        return switch (state) {
            case UP_TO_DATE, CREATED, UPDATED -> "Ready";
            case DRIFTED -> "Drifted";
            case CONFLICT -> "Conflict";
            case FAILED -> "Failed";
            case PENDING -> "Pending";
            case DELETED -> "Deleted";
            case RETAINED -> "Retained";
        };
    }
}
