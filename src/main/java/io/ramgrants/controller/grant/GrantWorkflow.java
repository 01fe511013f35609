package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.accounts.AccountNotReadyException;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.ManagementMode;
import io.ramgrants.engine.RemovalPolicy;
import io.ramgrants.engine.RoleClaims.DuplicateClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One pass over a grant, free of Kubernetes writes: admission (validation, account limits and
 * readiness), duplicate role claims, then the engine, then read-only preconditions. The
 * reconciler turns the outcome into status, events and metrics.
 */
final class GrantWorkflow {
    private final AccountRegistry registry;
    private final AccountGate gate;
    private final RoleClaimIndex claims;
    private final AccountUsage usage;
    private final Precondition precondition;

    GrantWorkflow(AccountRegistry registry, RoleClaimIndex claims, AccountUsage usage, Precondition precondition) {
        this.registry = registry;
        this.gate = new AccountGate(registry);
        this.claims = claims;
        this.usage = usage;
        this.precondition = precondition;
    }

    /** What a deletion pass did; {@code finished} means the finalizer may go. */
    record Deletion(PassOutcome outcome, boolean finished) {}

    PassOutcome reconcile(HasMetadata grant, GrantSpec spec) {
        OwnerRef owner = OwnerRef.of(grant);
        Admission admission = gate.admit(grant);
        usage.record(owner, admission.accounts());
        if (admission.blocked().isPresent()) {
            claims.release(owner);
            return PassOutcome.blocked(admission.blocked().get());
        }
        DesiredState desired = admission.desired().orElseThrow();
        List<DuplicateClaim> duplicates = claims.claim(desired);
        if (!duplicates.isEmpty()) {
            return PassOutcome.blocked(Verdict.stalled(GrantReasons.MANAGEMENT_CONFLICT,
                    duplicates.stream().map(DuplicateClaim::message).collect(Collectors.joining("; "))
                            + "; give each resource its own roleName"));
        }
        EngineOptions options = GrantOptions.of(grant, spec);
        GatewayResolver gateways = new RegistryGateways(registry, admission.accountNames());
        EngineResult result;
        try {
            result = new GrantEngine(gateways).reconcile(desired, options);
        } catch (AccountNotReadyException e) {
            return PassOutcome.blocked(Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY, e.getMessage()));
        }
        List<String> notes = new ArrayList<>(result.notes());
        notes.addAll(precondition.notes(desired, gateways));
        return new PassOutcome(EngineVerdicts.afterReconcile(result, options), Optional.of(result), notes);
    }

    Deletion delete(HasMetadata grant, GrantSpec spec) {
        OwnerRef owner = OwnerRef.of(grant);
        EngineOptions options = GrantOptions.of(grant, spec);
        if (options.removal() == RemovalPolicy.RETAIN || options.mode() == ManagementMode.OBSERVE) {
            forget(owner);
            return new Deletion(PassOutcome.blocked(Verdict.ready(GrantReasons.UP_TO_DATE, "RAM left as it is")), true);
        }
        Admission admission = gate.admit(grant);
        usage.record(owner, admission.accounts());
        if (admission.blocked().isPresent()) {
            Verdict blocked = admission.blocked().get();
            return new Deletion(PassOutcome.blocked(new Verdict(blocked.standing(), blocked.reason(),
                    "deletion blocked, finalizer kept: " + blocked.message()
                            + " (or set spec.deletionPolicy: Retain to leave RAM as it is)", blocked.retry())), false);
        }
        EngineResult result;
        try {
            GatewayResolver gateways = new RegistryGateways(registry, admission.accountNames());
            result = new GrantEngine(gateways).delete(admission.desired().orElseThrow(), options);
        } catch (AccountNotReadyException e) {
            return new Deletion(PassOutcome.blocked(Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY,
                    "deletion blocked, finalizer kept: " + e.getMessage())), false);
        }
        if (EngineVerdicts.deletionDone(result)) {
            forget(owner);
            return new Deletion(new PassOutcome(Verdict.ready(GrantReasons.UP_TO_DATE, "deleted"), Optional.of(result),
                    result.notes()), true);
        }
        return new Deletion(new PassOutcome(EngineVerdicts.afterFailedDeletion(result, options), Optional.of(result),
                result.notes()), false);
    }

    private void forget(OwnerRef owner) {
        claims.release(owner);
        usage.forget(owner);
    }
}
