package io.ramgrants.controller.grant;

import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.RoleClaims;
import io.ramgrants.engine.RoleClaims.DuplicateClaim;
import io.ramgrants.desired.DesiredRole;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The roles every grant of the operator wants, across all three kinds, so that two resources
 * claiming one role are reported before either writes. When a claim changes or goes away, the
 * other owners involved hear of it and are reconciled again (their conflict may be resolved).
 * Thread-safe: the three controllers share one index.
 */
public final class RoleClaimIndex {
    /** Sorted, so duplicate messages name owners in a stable order and status does not churn. */
    private final Map<OwnerRef, DesiredState> claims = new TreeMap<>(Comparator.comparing(OwnerRef::toString));
    private final List<Consumer<OwnerRef>> listeners = new CopyOnWriteArrayList<>();

    /** Records {@code state} as its owner's claim and returns the duplicates it is part of. */
    public List<DuplicateClaim> claim(DesiredState state) {
        Set<OwnerRef> affected;
        List<DuplicateClaim> duplicates;
        synchronized (this) {
            Set<OwnerRef> before = involvedWith(state.owner());
            DesiredState previous = claims.put(state.owner(), state);
            duplicates = RoleClaims.involving(state.owner(), claims.values());
            affected = new HashSet<>();
            if (!Objects.equals(previous, state)) {
                affected.addAll(before);
                affected.addAll(involvedWith(state.owner()));
            }
        }
        notifyOthers(state.owner(), affected);
        return duplicates;
    }

    /** Drops the owner's claim (the grant is gone, or no longer admitted). */
    public void release(OwnerRef owner) {
        Set<OwnerRef> affected;
        synchronized (this) {
            affected = involvedWith(owner);
            claims.remove(owner);
        }
        notifyOthers(owner, affected);
    }

    /**
     * Owners whose claimed roles in {@code accountId} include one of {@code roles} (case-insensitive,
     * as RAM names them) or use one of {@code policies} as a custom policy.
     */
    public Set<OwnerRef> ownersOf(String accountId, Collection<String> roles, Collection<String> policies) {
        Set<String> roleKeys = new HashSet<>();
        roles.forEach(r -> roleKeys.add(r.toLowerCase(Locale.ROOT)));
        Set<OwnerRef> owners = new HashSet<>();
        synchronized (this) {
            for (DesiredState state : claims.values()) {
                for (DesiredRole role : state.roles()) {
                    if (!role.accountId().equals(accountId)) {
                        continue;
                    }
                    if (roleKeys.contains(role.roleName().toLowerCase(Locale.ROOT)) || role.customPolicies().stream()
                            .anyMatch(p -> policies.contains(p.policyName()))) {
                        owners.add(state.owner());
                    }
                }
            }
        }
        return owners;
    }

    /** Reconciles these owners now (something outside changed what they own). */
    public void requeue(Collection<OwnerRef> owners) {
        owners.forEach(owner -> listeners.forEach(listener -> listener.accept(owner)));
    }

    public void addListener(Consumer<OwnerRef> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Owners sharing a duplicate claim with {@code owner}, {@code owner} included. */
    private Set<OwnerRef> involvedWith(OwnerRef owner) {
        Set<OwnerRef> involved = new HashSet<>();
        RoleClaims.involving(owner, claims.values()).forEach(d -> involved.addAll(d.owners()));
        return involved;
    }

    private void notifyOthers(OwnerRef owner, Set<OwnerRef> affected) {
        affected.stream().filter(other -> !other.equals(owner))
                .forEach(other -> listeners.forEach(listener -> listener.accept(other)));
    }
}
