package io.ramgrants.engine;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.ram.RamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * A pass that also removes what the resource owns but no longer declares: the entities named
     * by {@code prior} (the inventory of earlier passes) and, when {@code scan}, every role with
     * the resource's marker in the accounts of {@code prior} and of the spec. Removals follow the
     * desired roles' actions in the plan (a renamed role exists before the old one goes) and the
     * options: Delete removes, Retain reports, Observe and pause only plan.
     */
    public EngineResult reconcile(DesiredState state, Inventory prior, boolean scan, EngineOptions options) {
        return reconcile(state, prior, scan, options, WriteIntents.NONE);
    }

    /**
     * {@link #reconcile(DesiredState, Inventory, boolean, EngineOptions)} that first hands
     * {@code intents} the inventory to persist when the plan writes into an account {@code prior}
     * does not list: before any RAM write, so if recording throws, nothing is written.
     */
    public EngineResult reconcile(DesiredState state, Inventory prior, boolean scan, EngineOptions options,
                                  WriteIntents intents) {
        EngineResult result = reconcile(state.owner(), state.roles(), prior, scan, options, intents);
        return withNotesFirst(state.notes(), result);
    }

    public EngineResult reconcile(List<DesiredRole> roles, EngineOptions options) {
        return reconcile(null, roles, Inventory.empty(), false, options, WriteIntents.NONE);
    }

    private EngineResult reconcile(OwnerRef owner, List<DesiredRole> roles, Inventory prior, boolean scan,
                                   EngineOptions options, WriteIntents intents) {
        Observed observation = observeAll(roles, observer);
        if (observation.failure() != null) {
            return observationFailed(roles, observation.failedAt(), observation.failure(), prior);
        }
        List<ObservedRole> observed = observation.roles();
        ReconcilePlan planned = ReconcilePlan.of(roles, observed, options.adoption(), ownership, differ, planner);
        boolean looking = owner != null && (scan || !prior.isEmpty());
        Set<String> detaching = Removals.detaching(roles, planned);
        Removals.Found found = looking
                ? Removals.find(owner, roles, prior, scan, gateways, deletionObserver)
                : new Removals.Found(List.of(), Map.of(), List.of());
        List<String> notes = new ArrayList<>(planned.notes());
        notes.addAll(found.notes());
        List<RolePlan> rolePlans = new ArrayList<>(planned.plan().roles());
        List<String> retained = List.of();
        if (options.removal() == RemovalPolicy.DELETE) {
            DeletionPlan removal = deletionPlanner.plan(owner, found.observed(), detaching,
                    Removals.keptPolicies(roles), Removals.NO_LONGER_DECLARED);
            rolePlans.addAll(removal.plan().roles());
            notes.addAll(removal.notes());
        } else {
            retained = Removals.retainedLines(owner, found.observed());
            retained.forEach(line -> notes.add("deletion policy Retain: " + line + " is no longer declared; left in"
                    + " RAM with its ownership marker (delete it yourself, or set deletionPolicy: Delete)"));
        }
        Plan plan = Plan.withoutRepeats(rolePlans);
        if (options.writesAllowed()) {
            WriteIntents.needed(plan, roles, prior).ifPresent(intents::record);
        }
        ExecutionOutcome outcome = options.writesAllowed() ? executor.execute(plan)
                : ExecutionOutcome.nothingApplied();
        List<RoleResult> results = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            RoleState state = RoleStates.afterReconcile(plan.roles().get(i), planned.conflicted(i),
                    outcome, options);
            results.add(result(roles.get(i), observed.get(i), state));
        }
        notes.addAll(passNotes(plan, outcome, options));
        found.unreachable().forEach((account, why) -> notes.add("could not look for entities no longer declared in"
                + " account " + account + ": " + why + "; they are looked for again on the next pass"));
        boolean removalsPending = !found.unreachable().isEmpty()
                || plan.roles().subList(roles.size(), plan.roles().size()).stream()
                .flatMap(r -> r.actions().stream()).anyMatch(a -> !outcome.applied().contains(a));
        RemovalReport report = new RemovalReport(
                Removals.after(owner, roles, detaching, found, prior, outcome.applied()),
                Removals.unreachableLines(found.unreachable()), retained, removalsPending);
        return new EngineResult(results, plan, outcome.applied(), outcome.failure(), planned.conflicts(),
                notes, outcome.staleAt().isPresent(), report);
    }

    public EngineResult delete(DesiredState state, EngineOptions options) {
        return delete(state.owner(), state.roles(), options);
    }

    public EngineResult delete(OwnerRef owner, List<DesiredRole> roles, EngineOptions options) {
        return delete(owner, roles, Inventory.empty(), false, options);
    }

    /**
     * Deletion of everything the resource owns: its desired roles, and what {@code prior} names or
     * (when {@code scan}) carries its marker in the accounts of {@code prior} and the spec.
     */
    public EngineResult delete(DesiredState state, Inventory prior, boolean scan, EngineOptions options) {
        return delete(state.owner(), state.roles(), prior, scan, options);
    }

    private EngineResult delete(OwnerRef owner, List<DesiredRole> roles, Inventory prior, boolean scan,
                                EngineOptions options) {
        if (options.removal() == RemovalPolicy.RETAIN || options.mode() == ManagementMode.OBSERVE) {
            List<RoleResult> retained = roles.stream()
                    .map(r -> new RoleResult(r.accountId(), r.roleName(), r.arn(), RoleState.RETAINED)).toList();
            String why = options.removal() == RemovalPolicy.RETAIN ? "deletion policy Retain" : "Observe mode";
            return new EngineResult(retained, Plan.empty(), List.of(), Optional.empty(), List.of(),
                    List.of(why + ": RAM roles and policies left as they are"), false, RemovalReport.unchanged(prior));
        }
        Observed observation = observeAll(roles, deletionObserver::observe);
        if (observation.failure() != null) {
            return observationFailed(roles, observation.failedAt(), observation.failure(), prior);
        }
        List<ObservedRole> observed = observation.roles();
        Removals.Found found = scan || !prior.isEmpty()
                ? Removals.find(owner, roles, prior, scan, gateways, deletionObserver)
                : new Removals.Found(List.of(), Map.of(), List.of());
        List<ObservedRole> all = new ArrayList<>(observed);
        all.addAll(found.observed());
        DeletionPlan planned = deletionPlanner.plan(owner, all);
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
        List<String> notes = new ArrayList<>(found.notes());
        notes.addAll(planned.notes());
        notes.addAll(passNotes(planned.plan(), outcome, options));
        found.unreachable().forEach((account, why) -> notes.add("could not look for the resource's entities in"
                + " account " + account + ": " + why));
        boolean pending = !found.unreachable().isEmpty()
                || planned.plan().roles().subList(roles.size(), planned.plan().roles().size()).stream()
                .flatMap(r -> r.actions().stream()).anyMatch(a -> !outcome.applied().contains(a));
        RemovalReport report = new RemovalReport(
                Removals.after(owner, List.of(), Set.of(), found, prior, outcome.applied()),
                Removals.unreachableLines(found.unreachable()), List.of(), pending);
        return new EngineResult(results, planned.plan(), outcome.applied(), outcome.failure(), planned.conflicts(),
                notes, outcome.staleAt().isPresent(), report);
    }

    /** Every desired role observed in order, or the first role whose observation failed and why. */
    private record Observed(List<ObservedRole> roles, DesiredRole failedAt, RamException failure) {}

    /** The one observe loop of reconcile and delete: stops at the first RAM failure. */
    private Observed observeAll(List<DesiredRole> roles, RoleObservationSource source) {
        List<ObservedRole> observed = new ArrayList<>();
        for (DesiredRole role : roles) {
            try {
                observed.add(source.observe(role, gateways.gatewayFor(role.accountId())));
            } catch (RamException e) {
                return new Observed(observed, role, e);
            }
        }
        return new Observed(observed, null, null);
    }

    private static RoleResult result(DesiredRole desired, ObservedRole observed, RoleState state) {
        return new RoleResult(desired.accountId(), desired.roleName(), observed.arn().orElse(desired.arn()), state);
    }

    private static EngineResult observationFailed(List<DesiredRole> roles, DesiredRole failed, RamException e,
                                                  Inventory prior) {
        List<RoleResult> results = roles.stream().map(r -> new RoleResult(r.accountId(), r.roleName(), r.arn(),
                r == failed ? RoleState.FAILED : RoleState.PENDING)).toList();
        return new EngineResult(results, Plan.empty(), List.of(),
                Optional.of(EngineFailure.ofObservation(failed.accountId(), failed.roleName(), e)), List.of(), List.of(),
                false, RemovalReport.unchanged(prior));
    }

    private static List<String> passNotes(Plan plan, ExecutionOutcome outcome, EngineOptions options) {
        List<String> notes = new ArrayList<>();
        if (!plan.isEmpty() && options.paused()) {
            notes.add("paused: " + plan.actions().size() + " planned RAM write(s) not performed");
        } else if (!plan.isEmpty() && options.mode() == ManagementMode.OBSERVE) {
            notes.add("Observe mode: " + plan.actions().size() + " planned RAM write(s) not performed");
        }
        outcome.staleAt().ifPresent(a -> notes.add(a.line() + ": " + a.staleNote()
                + "; RAM is re-observed on the next pass"));
        return notes;
    }

    private static EngineResult withNotesFirst(List<String> first, EngineResult result) {
        List<String> notes = new ArrayList<>(first);
        notes.addAll(result.notes());
        return new EngineResult(result.roles(), result.plan(), result.applied(), result.failure(), result.conflicts(),
                notes, result.staleObservation(), result.removals());
    }
}
