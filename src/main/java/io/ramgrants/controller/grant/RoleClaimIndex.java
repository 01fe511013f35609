package io.ramgrants.controller.grant;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.RoleClaims;
import io.ramgrants.engine.RoleClaims.DuplicateClaim;
import java.util.ArrayList;
import io.ramgrants.desired.DesiredRole;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *
 * <p>Kept incrementally, by role: a claim touches only the roles its owner wants (before and
 * after), so a resync of N grants costs O(N) rather than rebuilding every duplicate for every
 * claim, and the monitor is held for a few map operations.
 *
 * <p>The index lives in the operator's memory. After a restart it fills again as grants are
 * reconciled, so until both claimants of one role have had a pass, the first of them can reach
 * RAM alone; it then creates the role with its ownership marker, and the second finds the
 * marker of another resource and stops with {@code ManagementConflict} before any write. The
 * index reports the clash earlier and names both resources; the marker is what keeps RAM safe.
 */
public final class RoleClaimIndex {
    private static final Comparator<OwnerRef> BY_NAME = Comparator.comparing(OwnerRef::toString);

    /** One owner's claim on one role: the names as the owner spelt them, for messages. */
    private record Claimed(String accountId, String roleName) {}

    /** By role key, the owners claiming it; sorted, so messages name owners in a stable order and status does not churn. */
    private final Map<String, TreeMap<OwnerRef, Claimed>> owners = new HashMap<>();
    /** By owner, the roles it claims, in the order its desired state lists them. */
    private final Map<OwnerRef, Map<String, Claimed>> keysByOwner = new HashMap<>();
    /** By owner, its latest claim whole. */
    private final Map<OwnerRef, DesiredState> claims = new HashMap<>();
    private final List<Consumer<OwnerRef>> listeners = new CopyOnWriteArrayList<>();

    /** Records {@code state} as its owner's claim and returns the duplicates it is part of. */
    public List<DuplicateClaim> claim(DesiredState state) {
        OwnerRef owner = state.owner();
        Map<String, Claimed> wanted = new LinkedHashMap<>();
        for (DesiredRole role : state.roles()) {
            wanted.putIfAbsent(RoleClaims.key(role), new Claimed(role.accountId(), role.roleName()));
        }
        Set<OwnerRef> affected = new HashSet<>();
        List<DuplicateClaim> duplicates;
        synchronized (this) {
            Map<String, Claimed> previous = keysByOwner.get(owner);
            claims.put(owner, state);
            if (!wanted.equals(previous)) {
                affected.addAll(involvedWith(owner));
                dropKeys(owner);
                if (!wanted.isEmpty()) {
                    keysByOwner.put(owner, wanted);
                    wanted.forEach((key, claimed) ->
                            owners.computeIfAbsent(key, k -> new TreeMap<>(BY_NAME)).put(owner, claimed));
                }
                affected.addAll(involvedWith(owner));
            }
            duplicates = duplicatesOf(owner);
        }
        notifyOthers(owner, affected);
        return duplicates;
    }

    /** Drops the owner's claim (the grant is gone, or no longer admitted). */
    public void release(OwnerRef owner) {
        Set<OwnerRef> affected;
        synchronized (this) {
            affected = involvedWith(owner);
            dropKeys(owner);
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

    private void dropKeys(OwnerRef owner) {
        Map<String, Claimed> previous = keysByOwner.remove(owner);
        if (previous == null) {
            return;
        }
        for (String key : previous.keySet()) {
            TreeMap<OwnerRef, Claimed> claimants = owners.get(key);
            claimants.remove(owner);
            if (claimants.isEmpty()) {
                owners.remove(key);
            }
        }
    }

    private List<DuplicateClaim> duplicatesOf(OwnerRef owner) {
        List<DuplicateClaim> duplicates = new ArrayList<>();
        for (String key : keysByOwner.getOrDefault(owner, Map.of()).keySet()) {
            TreeMap<OwnerRef, Claimed> claimants = owners.get(key);
            if (claimants.size() > 1) {
                Claimed first = claimants.firstEntry().getValue();
                duplicates.add(new DuplicateClaim(first.accountId(), first.roleName(),
                        List.copyOf(claimants.keySet())));
            }
        }
        return duplicates;
    }

    /** Owners sharing a duplicate claim with {@code owner}, {@code owner} included. */
    private Set<OwnerRef> involvedWith(OwnerRef owner) {
        Set<OwnerRef> involved = new HashSet<>();
        duplicatesOf(owner).forEach(d -> involved.addAll(d.owners()));
        return involved;
    }

    private void notifyOthers(OwnerRef owner, Set<OwnerRef> affected) {
        affected.stream().filter(other -> !other.equals(owner))
                .forEach(other -> listeners.forEach(listener -> listener.accept(other)));
    }
}
