package io.ramgrants.engine;

import java.util.List;
import java.util.Optional;

/**
 * Everything one pass learned and did: per-role states, the plan it computed, what it
 * applied, the failure that stopped it, conflicts, and notes for status and events.
 * {@code removals}: what it found of the resource beyond its desired roles (inventory, leftovers).
 * {@code staleObservation}: the pass stopped because RAM changed under it (a create found the
 * entity already there); observe again soon rather than wait for the next resync.
 */
public record EngineResult(List<RoleResult> roles, Plan plan, List<PlannedAction> applied,
                           Optional<EngineFailure> failure, List<Conflict> conflicts, List<String> notes,
                           boolean staleObservation, RemovalReport removals) {
    public EngineResult {
        roles = List.copyOf(roles);
        applied = List.copyOf(applied);
        conflicts = List.copyOf(conflicts);
        notes = List.copyOf(notes);
    }

    /** A pass that looked at nothing beyond its desired roles. */
    public EngineResult(List<RoleResult> roles, Plan plan, List<PlannedAction> applied,
                        Optional<EngineFailure> failure, List<Conflict> conflicts, List<String> notes,
                        boolean staleObservation) {
        this(roles, plan, applied, failure, conflicts, notes, staleObservation,
                RemovalReport.unchanged(Inventory.empty()));
    }

    /** RAM now matches (or, for deletion, holds nothing of ours): no failure, conflict or pending step. */
    public boolean converged() {
        return failure.isEmpty() && conflicts.isEmpty() && !removals.pending()
                && roles.stream().allMatch(r -> r.state().settled());
    }

    /** The pass found differences between RAM and the desired state (before applying anything). */
    public boolean driftFound() {
        return !plan.isEmpty();
    }

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }

    /** Applied actions as printable lines, in order. */
    public List<String> appliedLines() {
        return applied.stream().map(PlannedAction::line).toList();
    }
}
