package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.accounts.AccountNotReadyException;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.engine.Inventory;
import io.ramgrants.engine.ManagementMode;
import io.ramgrants.engine.RemovalPolicy;
import io.ramgrants.engine.WriteIntents;
import io.ramgrants.engine.RoleClaims.DuplicateClaim;
import io.ramgrants.engine.batch.SharedObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One pass over a grant, free of Kubernetes writes of its own: admission (validation, account
 * limits and readiness), duplicate role claims, then the engine, then read-only preconditions.
 * The reconciler turns the outcome into status, events and metrics; the one status write inside a
 * pass, the write intent before the first RAM write into a new account, is the reconciler's
 * {@link WriteIntents} callback.
 */
final class GrantWorkflow {
    /** How long a refusal that looks like RAM catching up with our own write is retried before it stalls. */
    static final java.time.Duration CATCH_UP_BOUND = java.time.Duration.ofMinutes(2);

    private final CatchUpBound catchUp = new CatchUpBound(CATCH_UP_BOUND, System::nanoTime);
    private final AccountRegistry registry;
    private final AccountGate gate;
    private final RoleClaimIndex claims;
    private final AccountUsage usage;
    private final Precondition precondition;
    private final SharedObservation observation;
    private final AccountSlots slots;

    GrantWorkflow(AccountRegistry registry, RoleClaimIndex claims, AccountUsage usage, Precondition precondition,
                  SharedObservation observation, AccountSlots slots) {
        this(registry, new AccountGate(registry), claims, usage, precondition, observation, slots);
    }

    GrantWorkflow(AccountRegistry registry, AccountGate gate, RoleClaimIndex claims, AccountUsage usage,
                  Precondition precondition, SharedObservation observation, AccountSlots slots) {
        this.registry = registry;
        this.gate = gate;
        this.claims = claims;
        this.usage = usage;
        this.precondition = precondition;
        this.observation = observation;
        this.slots = slots;
    }

    /** What a deletion pass did; {@code finished} means the finalizer may go. */
    record Deletion(PassOutcome outcome, boolean finished) {}

    PassOutcome reconcile(HasMetadata grant, GrantSpec spec) {
        return reconcile(grant, spec, null);
    }

    /**
     * @param status the grant's last status: its inventory says where the grant wrote before, so
     *               what the spec no longer declares is found and removed
     */
    PassOutcome reconcile(HasMetadata grant, GrantSpec spec, GrantStatus status) {
        return reconcile(grant, spec, status, WriteIntents.NONE);
    }

    /**
     * @param intents persists {@code status.inventory} with an account the pass is about to write
     *                into first, before that write (the reconciler's status write)
     */
    PassOutcome reconcile(HasMetadata grant, GrantSpec spec, GrantStatus status, WriteIntents intents) {
        OwnerRef owner = OwnerRef.of(grant);
        Admission admission = admit(owner, grant);
        if (admission.blocked().isPresent()) {
            claims.release(owner);
            return PassOutcome.blocked(admission.blocked().get());
        }
        DesiredState desired = admission.desired().orElseThrow();
        List<DuplicateClaim> duplicates = claims.claim(desired);
        if (!duplicates.isEmpty()) {
            return PassOutcome.blocked(Verdict.stalled(GrantReasons.MANAGEMENT_CONFLICT,
                    duplicates.stream().map(DuplicateClaim::message).collect(Collectors.joining("; "))
                            + "; give each resource its own roleName, or delete the resource that should not"
                            + " have it (with deletionPolicy Delete its role is removed and the name is free)"));
        }
        Inventory prior = StatusInventory.read(status);
        Optional<AccountSlots.Lease> lease = slots.tryAcquire(owner, accountIds(desired, prior));
        if (lease.isEmpty()) {
            return PassOutcome.accountBusy();
        }
        try (AccountSlots.Lease held = lease.get()) {
            return observeAndApply(grant, spec, desired, admission, prior, scanDue(grant, status), intents);
        }
    }

    /**
     * Whether this pass lists the accounts' roles for the grant's marker, besides looking up its
     * inventory: when the spec changed since the last recorded pass (a crash between CreateRole
     * and the status write leaves the old generation in status, so it is covered), or when an
     * edited resource has no inventory yet (a status from before the inventory existed). Never in
     * steady state, and not for a new resource (what it may have created has the names it still
     * declares), so neither a resync nor a first creation costs an extra RAM call (docs/scale.md).
     */
    private static boolean scanDue(HasMetadata grant, GrantStatus status) {
        Long generation = grant.getMetadata().getGeneration();
        boolean edited = generation != null && generation > 1;
        if (StatusInventory.absent(status)) {
            return edited;
        }
        return !Objects.equals(status.observedGeneration, generation);
    }

    private PassOutcome observeAndApply(HasMetadata grant, GrantSpec spec, DesiredState desired, Admission admission,
                                        Inventory prior, boolean scan, WriteIntents intents) {
        EngineOptions options = GrantOptions.of(grant, spec);
        GatewayResolver gateways = new RegistryGateways(registry, admission.accountNames(),
                grant.getMetadata().getNamespace());
        EngineResult result;
        try {
            result = observation.engine(gateways).reconcile(desired, prior, scan, options, intents);
        } catch (AccountNotReadyException e) {
            return PassOutcome.blocked(Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY, e.getMessage()));
        } catch (InventoryNotRecordedException e) {
            return PassOutcome.blocked(Verdict.retrying(GrantReasons.INVENTORY_NOT_RECORDED, e.getMessage()));
        }
        List<String> notes = new ArrayList<>(result.notes());
        notes.addAll(precondition.notes(desired, gateways));
        return new PassOutcome(verdict(OwnerRef.of(grant), result, options), Optional.of(result), notes);
    }

    /** The engine's verdict, except that RAM catching up with our own write is retried for {@link #CATCH_UP_BOUND}. */
    private Verdict verdict(OwnerRef owner, EngineResult result, EngineOptions options) {
        return withinCatchUpBound(owner, result) ? EngineVerdicts.catchingUp(result.failure().get())
                : EngineVerdicts.afterReconcile(result, options);
    }

    /** True while the pass stopped on a catching-up refusal first met less than {@link #CATCH_UP_BOUND} ago. */
    private boolean withinCatchUpBound(OwnerRef owner, EngineResult result) {
        return catchUp.within(owner, result.failure());
    }

    Deletion delete(HasMetadata grant, GrantSpec spec) {
        return delete(grant, spec, null);
    }

    /** Deletion of everything the grant holds: its desired roles and what its inventory or marker names. */
    Deletion delete(HasMetadata grant, GrantSpec spec, GrantStatus status) {
        OwnerRef owner = OwnerRef.of(grant);
        EngineOptions options = GrantOptions.of(grant, spec);
        if (options.removal() == RemovalPolicy.RETAIN || options.mode() == ManagementMode.OBSERVE) {
            forget(owner);
            return new Deletion(PassOutcome.settled(Verdict.ready(GrantReasons.UP_TO_DATE, "RAM left as it is")), true);
        }
        Admission admission = admit(owner, grant);
        if (admission.blocked().isPresent()) {
            Verdict blocked = admission.blocked().get();
            return new Deletion(PassOutcome.blocked(new Verdict(blocked.standing(), blocked.reason(),
                    "deletion blocked, finalizer kept: " + blocked.message()
                            + " (or set spec.deletionPolicy: Retain to leave RAM as it is)", blocked.retry())), false);
        }
        DesiredState desired = admission.desired().orElseThrow();
        Inventory prior = StatusInventory.read(status);
        Optional<AccountSlots.Lease> lease = slots.tryAcquire(owner, accountIds(desired, prior));
        if (lease.isEmpty()) {
            return new Deletion(PassOutcome.accountBusy(), false);
        }
        EngineResult result;
        try (AccountSlots.Lease held = lease.get()) {
            GatewayResolver gateways = new RegistryGateways(registry, admission.accountNames(),
                grant.getMetadata().getNamespace());
            result = observation.engine(gateways).delete(desired, prior, true, options);
        } catch (AccountNotReadyException e) {
            return new Deletion(PassOutcome.blocked(Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY,
                    "deletion blocked, finalizer kept: " + e.getMessage())), false);
        }
        if (EngineVerdicts.deletionDone(result)) {
            forget(owner);
            return new Deletion(new PassOutcome(Verdict.ready(GrantReasons.UP_TO_DATE, "deleted"), Optional.of(result),
                    result.notes()), true);
        }
        Verdict verdict = withinCatchUpBound(owner, result)
                ? EngineVerdicts.catchingUp(result.failure().get())
                : EngineVerdicts.afterFailedDeletion(result, options);
        return new Deletion(new PassOutcome(verdict, Optional.of(result), result.notes()), false);
    }

    /**
     * Reads the registry between announcing the pass and recording what it depended on, so an
     * account change while the gate reads re-queues the grant instead of finding nobody.
     */
    private Admission admit(OwnerRef owner, HasMetadata grant) {
        usage.reading(owner);
        try {
            Admission admission = gate.admit(grant);
            usage.record(owner, admission.accounts());
            return admission;
        } finally {
            usage.doneReading(owner);
        }
    }

    private static Set<String> accountIds(DesiredState desired, Inventory prior) {
        Set<String> ids = desired.roles().stream().map(DesiredRole::accountId)
                .collect(Collectors.toCollection(TreeSet::new));
        ids.addAll(prior.accountIds());
        return ids;
    }

    private void forget(OwnerRef owner) {
        claims.release(owner);
        usage.forget(owner);
        catchUp.forget(owner);
    }
}
