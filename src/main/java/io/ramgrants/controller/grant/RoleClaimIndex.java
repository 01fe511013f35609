package io.ramgrants.controller.grant;

import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.RoleClaims;
import io.ramgrants.engine.RoleClaims.DuplicateClaim;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
