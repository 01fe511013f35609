package io.ramgrants.controller.grant;

import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.RolePlan;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.RoleState;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A pass in metrics: reconcile count and duration tagged with the Ready reason (a fixed
 * vocabulary, so low cardinality), and one drift correction per corrected field of a role
 * that already existed (creating a new grant's role is not drift).
 */
final class GrantMetrics {
    private final String kind;
    private final OperatorMetrics metrics;

    GrantMetrics(String kind, OperatorMetrics metrics) {
        this.kind = kind;
        this.metrics = metrics;
    }

    void record(PassOutcome outcome, Duration duration) {
        metrics.recordReconcile(kind, outcome.verdict().reason(), duration);
        outcome.result().ifPresent(this::driftCorrections);
    }

    private void driftCorrections(EngineResult result) {
        Map<String, RoleState> states = result.roles().stream()
                .collect(Collectors.toMap(r -> roleKey(r.accountId(), r.roleName()), RoleResult::state, (a, b) -> a));
        for (RolePlan rolePlan : result.plan().roles()) {
            if (states.get(roleKey(rolePlan.accountId(), rolePlan.roleName())) != RoleState.UPDATED) {
                continue;
            }
            rolePlan.actions().stream().filter(result.applied()::contains)
                    .forEach(action -> metrics.recordDriftCorrection(kind, action.field().label()));
        }
    }

    private static String roleKey(String accountId, String roleName) {
        return accountId + "/" + roleName.toLowerCase(Locale.ROOT);
    }
}
