package io.ramgrants.engine;

import io.ramgrants.ram.RamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Performs a plan in order and stops at the first failure. Nothing is rolled back: the next
 * pass re-observes and plans again from what RAM now holds, so it continues where this one
 * stopped. Retries of a single call belong to the gateway, not here.
 */
public final class PlanExecutor {
    private final GatewayResolver gateways;

    public PlanExecutor(GatewayResolver gateways) {
        this.gateways = gateways;
    }

    public ExecutionOutcome execute(Plan plan) {
        List<PlannedAction> applied = new ArrayList<>();
        for (RolePlan rolePlan : plan.roles()) {
            for (PlannedAction action : rolePlan.actions()) {
                try {
                    action.applyTo(gateways.gatewayFor(action.accountId()));
                    applied.add(action);
                } catch (RamException e) {
                    if (action.alreadyDone(e)) {
                        applied.add(action);
                    } else if (action.staleObservation(e)) {
                        return new ExecutionOutcome(applied, Optional.empty(), Optional.of(action));
                    } else {
                        return new ExecutionOutcome(applied,
                                Optional.of(EngineFailure.ofAction(action, rolePlan.roleName(), e)), Optional.empty());
                    }
                }
            }
        }
        return new ExecutionOutcome(applied, Optional.empty(), Optional.empty());
    }
}
