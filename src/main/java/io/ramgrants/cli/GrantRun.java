package io.ramgrants.cli;

import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.AdoptionPolicy;
import io.ramgrants.api.ApiGroup;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DeletionPolicy;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.api.ManagementPolicy;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.engine.Adoption;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.engine.Inventory;
import io.ramgrants.engine.RemovalPolicy;
import io.ramgrants.controller.grant.DtsServiceRoleCheck;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.ManagementMode;
import io.ramgrants.engine.RolePlan;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.RoleState;
import io.ramgrants.manifest.EvaluatedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One valid grant of the input and what the engine made of it. {@code dryRun}: the engine ran in
 * Observe mode only because {@code plan} never writes, not because the grant asks for it.
 */
record GrantRun(EvaluatedResource resource, EngineResult result, List<String> warnings, boolean dryRun) {
    GrantRun {
        warnings = List.copyOf(warnings);
    }

    GrantRun(EvaluatedResource resource, EngineResult result) {
        this(resource, result, List.of(), false);
    }

    /** Role states as {@code plan} and {@code apply} name them (docs/plan.md). */
    static final String MISSING = "missing";
    static final String DRIFTED = "drifted";
    static final String CONFLICT = "conflict";
    static final String OBSERVE_ONLY = "observe-only";
    static final String PAUSED = "paused";
    static final String UP_TO_DATE = "up to date";
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String FAILED = "failed";
    static final String PENDING = "pending";

    /** Passes an apply may take when RAM changed under the first one (a create found the role already there). */
    static final int MAX_PASSES = 2;

    /** Runs the engine over every valid grant, in input order; {@code observeOnly} never writes. */
    static List<GrantRun> runAll(GrantEngine engine, List<EvaluatedResource> evaluated, boolean observeOnly) {
        return runAll(engine, evaluated, observeOnly, null);
    }

    /**
     * The same, looking in each grant's accounts for roles it owns but no longer declares (the
     * CLI has no status, so the accounts' role listings are the record), and running the read-only
     * checks the operator runs ({@code gateways} null: none).
     */
    static List<GrantRun> runAll(GrantEngine engine, List<EvaluatedResource> evaluated, boolean observeOnly,
                                 GatewayResolver gateways) {
        List<GrantRun> runs = new ArrayList<>();
        for (EvaluatedResource resource : evaluated) {
            if (resource.desired().isEmpty()) {
                continue;
            }
            EngineOptions options = optionsOf(resource);
            if (observeOnly) {
                options = options.withMode(ManagementMode.OBSERVE);
            }
            DesiredState desired = resource.desired().get();
            EngineResult result = engine.reconcile(desired, Inventory.empty(), true, options);
            for (int pass = 1; pass < MAX_PASSES && result.staleObservation(); pass++) {
                result = engine.reconcile(desired, Inventory.empty(), true, options);
            }
            runs.add(new GrantRun(resource, result, warnings(resource, gateways), observeOnly));
        }
        return runs;
    }

    /** The read-only checks the operator runs besides the plan ({@code gateways} null: none). */
    static List<String> warnings(EvaluatedResource resource, GatewayResolver gateways) {
        return gateways != null && resource.source().resource() instanceof CrossAccountDtsGrant
                ? DtsServiceRoleCheck.once().notes(resource.desired().get(), gateways) : List.of();
    }

    /** The engine options a grant's spec and annotations ask for (README, "Grants"). */
    static EngineOptions optionsOf(EvaluatedResource resource) {
        EngineOptions options = EngineOptions.defaults();
        if (resource.source().resource() instanceof CustomResource<?, ?> grant && grant.getSpec() instanceof GrantSpec spec) {
            if (spec.managementPolicy == ManagementPolicy.Observe) {
                options = options.withMode(ManagementMode.OBSERVE);
            }
            if (spec.adoption == AdoptionPolicy.IfUnowned) {
                options = options.withAdoption(Adoption.IF_UNOWNED);
            }
            if (spec.deletionPolicy == DeletionPolicy.Retain) {
                options = options.withRemoval(RemovalPolicy.RETAIN);
            }
        }
        Map<String, String> annotations = resource.source().resource().getMetadata().getAnnotations();
        boolean paused = annotations != null && "true".equalsIgnoreCase(annotations.get(ApiGroup.PAUSED_ANNOTATION));
        return options.withPaused(paused);
    }

    /** RAM differs from the manifest: something to change, or a role we may not touch. */
    boolean drifted() {
        return result.driftFound() || result.hasConflicts();
    }

    /**
     * What talking to RAM found besides the actions: conflicts, the failure, the engine's notes
     * (not the desired state's, which the plan shows already) and each role's state.
     */
    List<String> findings() {
        List<String> desiredNotes = resource.desired().map(DesiredState::notes).orElse(List.of());
        List<String> lines = new ArrayList<>();
        result.conflicts().forEach(c -> lines.add("conflict: " + c.message()));
        result.failure().ifPresent(f -> lines.add("failed: " + f.step() + ": " + f.error().getMessage()));
        result.notes().stream().filter(n -> !desiredNotes.contains(n))
                .filter(n -> !(dryRun && n.startsWith(DRY_RUN_NOTE) && !observeMode()))
                .forEach(n -> lines.add("note: " + n));
        warnings.forEach(w -> lines.add("warning: " + w.replaceFirst("^Warning: ", "")));
        List<String> states = roleStates();
        for (int i = 0; i < result.roles().size(); i++) {
            RoleResult r = result.roles().get(i);
            lines.add("role " + r.roleName() + " in " + r.accountId() + ": " + states.get(i) + " (" + r.arn() + ")");
        }
        return lines;
    }

    /** The engine's note of a pass in Observe mode; under a dry run it speaks of the plan, not of the grant. */
    private static final String DRY_RUN_NOTE = "Observe mode: ";

    private boolean observeMode() {
        return optionsOf(resource).mode() == ManagementMode.OBSERVE;
    }

    private boolean paused() {
        return optionsOf(resource).paused();
    }

    /**
     * Each desired role's state, in the order of {@code result.roles()}: missing, drifted,
     * conflict, observe-only, paused or up to date (and, after apply, created, updated, failed
     * or pending).
     */
    List<String> roleStates() {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < result.roles().size(); i++) {
            RolePlan plan = i < result.plan().roles().size() ? result.plan().roles().get(i) : null;
            states.add(state(result.roles().get(i).state(), plan));
        }
        return states;
    }

    private String state(RoleState state, RolePlan plan) {
        return switch (state) {
            case CONFLICT -> CONFLICT;
            case UP_TO_DATE -> UP_TO_DATE;
            case FAILED -> FAILED;
            case CREATED -> CREATED;
            case UPDATED -> UPDATED;
            case DELETED, RETAINED -> state.name().toLowerCase(java.util.Locale.ROOT);
            case DRIFTED, PENDING -> {
                if (paused()) {
                    yield PAUSED;
                }
                if (observeMode()) {
                    yield OBSERVE_ONLY;
                }
                if (!dryRun) {
                    yield PENDING;
                }
                yield plan != null && plan.creates() ? MISSING : DRIFTED;
            }
        };
    }

    /** Observe mode or paused (by the grant itself) kept changes from being written. */
    boolean skipped() {
        return (observeMode() || paused()) && !result.plan().isEmpty() && result.failure().isEmpty()
                && !result.hasConflicts();
    }
}
