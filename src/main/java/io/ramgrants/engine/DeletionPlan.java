package io.ramgrants.engine;

import java.util.List;

/** What deleting a grant will do: the plan, the roles it must not touch, and why policies stay. */
public record DeletionPlan(Plan plan, List<Conflict> conflicts, List<String> notes) {
    public DeletionPlan {
        conflicts = List.copyOf(conflicts);
        notes = List.copyOf(notes);
    }
}
