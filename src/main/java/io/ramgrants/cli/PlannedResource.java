package io.ramgrants.cli;

import io.ramgrants.engine.PlannedAction;
import io.ramgrants.manifest.EvaluatedResource;
import java.util.List;

/**
 * A resource as {@code plan} shows it: its evaluation and the RAM actions it would cause, as
 * lines and as actions (whose {@link PlannedAction#changes()} carry before and after).
 * {@code findings} is what diffing against RAM found besides actions (conflicts, failures, notes,
 * role states); empty offline. {@code diffed}: the actions are a diff against RAM, not the plan
 * against empty accounts.
 */
public record PlannedResource(EvaluatedResource evaluated, List<String> actions, List<String> findings,
                              List<PlannedAction> planned, boolean diffed, List<RoleView> roleStates) {
    /** One desired role's state: missing, drifted, conflict, observe-only, paused, up to date (or not diffed). */
    public record RoleView(String accountId, String roleName, String state) {}

    static final String NOT_DIFFED = "not diffed";

    public PlannedResource {
        actions = List.copyOf(actions);
        findings = List.copyOf(findings);
        planned = List.copyOf(planned);
        roleStates = List.copyOf(roleStates);
    }

    public PlannedResource(EvaluatedResource evaluated, List<String> actions) {
        this(evaluated, actions, List.of(), List.of(), false, List.of());
    }

    /** A resource planned from its actions: the lines are the actions' lines. */
    static PlannedResource of(EvaluatedResource evaluated, List<PlannedAction> planned, List<String> findings,
                              boolean diffed, List<RoleView> roleStates) {
        return new PlannedResource(evaluated, planned.stream().map(PlannedAction::line).toList(), findings, planned,
                diffed, roleStates);
    }
}
