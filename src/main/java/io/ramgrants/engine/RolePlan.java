package io.ramgrants.engine;

import java.util.List;

/** The ordered actions for one role; policy actions belong to the role that needs the policy. */
public record RolePlan(String accountId, String roleName, List<PlannedAction> actions) {
    public RolePlan {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public boolean creates() {
        return actions.stream().anyMatch(a -> a instanceof PlannedAction.CreateRole);
    }

    public boolean deletes() {
        return actions.stream().anyMatch(a -> a instanceof PlannedAction.DeleteRole);
    }
}
