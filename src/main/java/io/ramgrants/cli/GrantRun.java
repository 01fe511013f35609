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
import io.ramgrants.manifest.EvaluatedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One valid grant of the input and what the engine made of it. */
record GrantRun(EvaluatedResource resource, EngineResult result, List<String> warnings) {
    GrantRun {
        warnings = List.copyOf(warnings);
    }

    GrantRun(EvaluatedResource resource, EngineResult result) {
        this(resource, result, List.of());
    }

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
            runs.add(new GrantRun(resource, result, warnings(resource, gateways)));
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
        result.notes().stream().filter(n -> !desiredNotes.contains(n)).forEach(n -> lines.add("note: " + n));
        warnings.forEach(w -> lines.add("warning: " + w.replaceFirst("^Warning: ", "")));
        result.roles().forEach(r -> lines.add("role " + r.roleName() + " in " + r.accountId() + ": " + r.state()
                + " (" + r.arn() + ")"));
        return lines;
    }
}
