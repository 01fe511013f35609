package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * vocabulary, so low cardinality); the grant's standing for {@code ramgrants_resources}; drift
 * detected on every role that already existed and differed (Manage and Observe mode); and one drift
 * correction per write applied to such a role, also by a pass that stopped before the role's last
 * write (creating a new grant's role, or deleting one, is not drift).
 */
final class GrantMetrics {
    private final String kind;
    private final OperatorMetrics metrics;

    GrantMetrics(String kind, OperatorMetrics metrics) {
        this.kind = kind;
        this.metrics = metrics;
    }

    void record(HasMetadata grant, PassOutcome outcome, Duration duration) {
        metrics.recordReconcile(kind, outcome.verdict().reason(), duration);
        metrics.recordResourceState(key(grant),
                new OperatorMetrics.ResourceState(kind, outcome.verdict().isReady(), outcome.verdict().reason()));
        outcome.result().ifPresent(this::drift);
    }

    /** The grant is gone: it no longer counts in {@code ramgrants_resources}. */
    void forget(HasMetadata grant) {
        metrics.forgetResource(key(grant));
    }

    private void drift(EngineResult result) {
        Map<String, RoleState> states = result.roles().stream()
                .collect(Collectors.toMap(r -> roleKey(r.accountId(), r.roleName()), RoleResult::state, (a, b) -> a));
        for (RolePlan rolePlan : result.plan().roles()) {
            RoleState state = states.get(roleKey(rolePlan.accountId(), rolePlan.roleName()));
            if (state == RoleState.UPDATED || stoppedWhileCorrecting(state, rolePlan)) {
                rolePlan.actions().stream().filter(result.applied()::contains).forEach(action -> {
                    metrics.recordDriftDetected(kind, action.field().label(), "Manage");
                    metrics.recordDriftCorrection(kind, action.field().label());
                });
            } else if (state == RoleState.DRIFTED && !rolePlan.creates()) {
                rolePlan.actions().forEach(action -> metrics.recordDriftDetected(kind, action.field().label(), "Observe"));
            }
        }
    }

    /**
     * A pass that stopped part-way through an existing role's corrections (a later write failed, or
     * RAM changed under it): the writes it did apply corrected drift all the same, and each has its
     * event. A role being created or deleted is not drift.
     */
    private static boolean stoppedWhileCorrecting(RoleState state, RolePlan rolePlan) {
        return (state == RoleState.PENDING || state == RoleState.FAILED) && !rolePlan.creates()
                && !rolePlan.deletes();
    }

    private String key(HasMetadata grant) {
        return kind + "/" + grant.getMetadata().getNamespace() + "/" + grant.getMetadata().getName();
    }

    private static String roleKey(String accountId, String roleName) {
        return accountId + "/" + roleName.toLowerCase(Locale.ROOT);
    }
}
