package io.ramgrants.engine;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.ram.RamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides what happens to a grant's roles, for every grant kind:
 * observe → ownership → diff → plan → apply, honouring Observe mode, pause, adoption and the
 * removal policy. It knows no Kubernetes types; controllers and the CLI wire it up.
 */
public final class GrantEngine {
    private final GatewayResolver gateways;
    private final RoleObservationSource observer;
    private final DeletionObserver deletionObserver = new DeletionObserver();
    private final Ownership ownership = new Ownership();
    private final Differ differ = new Differ();
    private final Planner planner = new Planner();
    private final DeletionPlanner deletionPlanner = new DeletionPlanner();
    private final PlanExecutor executor;

    public GrantEngine(GatewayResolver gateways) {
        this(gateways, new RoleObserver());
    }

    /** An engine observing roles through {@code observer}, e.g. the batch observation of many roles. */
    public GrantEngine(GatewayResolver gateways, RoleObservationSource observer) {
        this.gateways = gateways;
        this.observer = observer;
        this.executor = new PlanExecutor(gateways);
    }

    /** Actions repeated because RAM was still catching up with an earlier write: the extra calls. */
    public long catchUpRetries() {
        return executor.catchUpRetries();
    }

    public EngineResult reconcile(DesiredState state, EngineOptions options) {
        EngineResult result = reconcile(state.roles(), options);
        return withNotesFirst(state.notes(), result);
    }

    public EngineResult reconcile(List<DesiredRole> roles, EngineOptions options) {
        List<ObservedRole> observed = new ArrayList<>();
        for (DesiredRole role : roles) {
            try {
                observed.add(observer.observe(role, gateways.gatewayFor(role.accountId())));
            } catch (RamException e) {
                return observationFailed(roles, role, e);
            }
        }
        ReconcilePlan planned = ReconcilePlan.of(roles, observed, options.adoption(), ownership, differ, planner);
        ExecutionOutcome outcome = options.writesAllowed() ? executor.execute(planned.plan())
                : ExecutionOutcome.nothingApplied();
        List<RoleResult> results = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            RoleState state = RoleStates.afterReconcile(planned.plan().roles().get(i), planned.conflicted(i),
                    outcome, options);
            results.add(result(roles.get(i), observed.get(i), state));
        }
        List<String> notes = new ArrayList<>(planned.notes());
        notes.addAll(passNotes(planned.plan(), outcome, options));
        return new EngineResult(results, planned.plan(), outcome.applied(), outcome.failure(), planned.conflicts(),
                notes, outcome.staleAt().isPresent());
    }

    public EngineResult delete(DesiredState state, EngineOptions options) {
        return delete(state.owner(), state.roles(), options);
    }

    public EngineResult delete(OwnerRef owner, List<DesiredRole> roles, EngineOptions options) {
        if (options.removal() == RemovalPolicy.RETAIN || options.mode() == ManagementMode.OBSERVE) {
            List<RoleResult> retained = roles.stream()
                    .map(r -> new RoleResult(r.accountId(), r.roleName(), r.arn(), RoleState.RETAINED)).toList();
            String why = options.removal() == RemovalPolicy.RETAIN ? "deletion policy Retain" : "Observe mode";
            return new EngineResult(retained, Plan.empty(), List.of(), Optional.empty(), List.of(),
                    List.of(why + ": RAM roles and policies left as they are"), false);
        }
        List<ObservedRole> observed = new ArrayList<>();
        for (DesiredRole role : roles) {
            try {
                observed.add(deletionObserver.observe(role, gateways.gatewayFor(role.accountId())));
            } catch (RamException e) {
                return observationFailed(roles, role, e);
            }
        }
        DeletionPlan planned = deletionPlanner.plan(owner, observed);
        ExecutionOutcome outcome = options.writesAllowed() ? executor.execute(planned.plan())
                : ExecutionOutcome.nothingApplied();
        List<RoleResult> results = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            ObservedRole role = observed.get(i);
            boolean conflicted = planned.conflicts().stream()
                    .anyMatch(c -> c.accountId().equals(role.accountId()) && c.name().equals(role.roleName()));
            RoleState state = RoleStates.afterDeletion(planned.plan().roles().get(i), conflicted, outcome, options);
            results.add(result(roles.get(i), role, state));
        }
        List<String> notes = new ArrayList<>(planned.notes());
        notes.addAll(passNotes(planned.plan(), outcome, options));
        return new EngineResult(results, planned.plan(), outcome.applied(), outcome.failure(), planned.conflicts(),
                notes, outcome.staleAt().isPresent());
    }

    private static RoleResult result(DesiredRole desired, ObservedRole observed, RoleState state) {
        return new RoleResult(desired.accountId(), desired.roleName(), observed.arn().orElse(desired.arn()), state);
    }

    private static EngineResult observationFailed(List<DesiredRole> roles, DesiredRole failed, RamException e) {
        List<RoleResult> results = roles.stream().map(r -> new RoleResult(r.accountId(), r.roleName(), r.arn(),
                r == failed ? RoleState.FAILED : RoleState.PENDING)).toList();
        return new EngineResult(results, Plan.empty(), List.of(),
                Optional.of(EngineFailure.ofObservation(failed.accountId(), failed.roleName(), e)), List.of(), List.of(),
                false);
    }

    private static List<String> passNotes(Plan plan, ExecutionOutcome outcome, EngineOptions options) {
        List<String> notes = new ArrayList<>();
        if (!plan.isEmpty() && options.paused()) {
            notes.add("paused: " + plan.actions().size() + " planned RAM write(s) not performed");
        } else if (!plan.isEmpty() && options.mode() == ManagementMode.OBSERVE) {
            notes.add("Observe mode: " + plan.actions().size() + " planned RAM write(s) not performed");
        }
        outcome.staleAt().ifPresent(a -> notes.add(a.line() + ": already exists; RAM is re-observed on the next pass"));
        return notes;
    }

    private static EngineResult withNotesFirst(List<String> first, EngineResult result) {
        List<String> notes = new ArrayList<>(first);
        notes.addAll(result.notes());
        return new EngineResult(result.roles(), result.plan(), result.applied(), result.failure(), result.conflicts(),
                notes, result.staleObservation());
    }
}
