package io.ramgrants.engine;

import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.PlannedAction.DeletePolicy;
import io.ramgrants.engine.PlannedAction.DeletePolicyVersion;
import io.ramgrants.engine.PlannedAction.DeleteRole;
import io.ramgrants.engine.PlannedAction.DetachPolicy;
import io.ramgrants.ram.PolicyEntities;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Plans the removal of everything one owner holds in RAM: per owned role, detach every
 * attachment and delete the role; then delete each of our custom policies that nothing else
 * uses, non-default versions first (RAM refuses DeletePolicy while they exist). Roles and
 * policies without our marker are never touched.
 */
public final class DeletionPlanner {

    public DeletionPlan plan(OwnerRef owner, List<ObservedRole> observed) {
        return plan(owner, observed, Set.of(), Set.of(), "");
    }

    /**
     * The same for what a resource holds but no longer declares, planned next to its desired
     * roles: {@code detaching} are roles (account/name keys) whose pass detaches every policy it
     * does not want, so they do not keep a policy in use; {@code kept} are policies (account/name
     * keys) still desired, never removed; {@code why} is appended to each action's line.
     */
    public DeletionPlan plan(OwnerRef owner, List<ObservedRole> observed, Set<String> detaching, Set<String> kept,
                             String why) {
        Set<String> deletedRoles = new HashSet<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (ObservedRole role : observed) {
            if (!role.exists()) {
                continue;
            }
            if (Ownership.ownedBy(owner, role.description())) {
                deletedRoles.add(roleKey(role.accountId(), role.roleName()));
            } else {
                conflicts.add(conflict(role));
            }
        }
        List<String> notes = new ArrayList<>();
        Set<String> plannedPolicies = new HashSet<>();
        List<RolePlan> rolePlans = new ArrayList<>();
        for (ObservedRole role : observed) {
            List<PlannedAction> actions = new ArrayList<>();
            if (deletedRoles.contains(roleKey(role.accountId(), role.roleName()))) {
                role.attached().forEach(p -> actions.add(
                        new DetachPolicy(role.accountId(), role.roleName(), p.policyType(), p.policyName(), why)));
                actions.add(new DeleteRole(role.accountId(), role.roleName(), why));
            }
            if (!role.exists() || deletedRoles.contains(roleKey(role.accountId(), role.roleName()))) {
                Set<String> released = new HashSet<>(deletedRoles);
                released.addAll(detaching);
                for (ObservedPolicy policy : role.customPolicies().values()) {
                    String key = policyKey(role.accountId(), policy.policyName());
                    if (!kept.contains(key) && plannedPolicies.add(key)) {
                        actions.addAll(policyRemoval(owner, role.accountId(), policy, released, notes, why));
                    }
                }
            }
            rolePlans.add(new RolePlan(role.accountId(), role.roleName(), actions));
        }
        return new DeletionPlan(new Plan(rolePlans), conflicts, notes);
    }

    private static List<PlannedAction> policyRemoval(OwnerRef owner, String account, ObservedPolicy policy,
                                                     Set<String> deletedRoles, List<String> notes, String why) {
        if (!policy.exists()) {
            return List.of();
        }
        String name = policy.policyName();
        if (!Ownership.ownedBy(owner, policy.description())) {
            notes.add("policy " + name + " in " + account + " is not managed by " + owner + ": left in place");
            return List.of();
        }
        List<String> others = otherUsers(account, policy.entities().orElse(null), deletedRoles);
        if (!others.isEmpty()) {
            notes.add("policy " + name + " in " + account + " is still attached to " + String.join(", ", others)
                    + ": left in place");
            return List.of();
        }
        List<PlannedAction> actions = new ArrayList<>();
        VersionPruning.nonDefault(policy.versions()).forEach(v ->
                actions.add(new DeletePolicyVersion(account, name, v.versionId(), why)));
        actions.add(new DeletePolicy(account, name, why));
        return actions;
    }

    /** Users of a policy besides the roles this deletion removes; unknown entities count as in use. */
    private static List<String> otherUsers(String account, PolicyEntities entities, Set<String> deletedRoles) {
        if (entities == null) {
            return List.of("(unknown entities)");
        }
        List<String> others = new ArrayList<>();
        entities.roleNames().stream().filter(r -> !deletedRoles.contains(roleKey(account, r)))
                .forEach(r -> others.add("role " + r));
        entities.userNames().forEach(u -> others.add("user " + u));
        entities.groupNames().forEach(g -> others.add("group " + g));
        return others;
    }

    private static Conflict conflict(ObservedRole role) {
        ConflictReason reason = OwnerRef.fromDescription(role.description()).isPresent()
                ? ConflictReason.OWNED_BY_OTHER : ConflictReason.UNOWNED;
        String other = OwnerRef.fromDescription(role.description()).map(OwnerRef::toString).orElse(null);
        return new Conflict(role.accountId(), "role", role.roleName(), reason, other);
    }

    static String roleKey(String accountId, String name) {
        return accountId + "/" + name.toLowerCase(Locale.ROOT);
    }

    static String policyKey(String accountId, String name) {
        return accountId + "/" + name;
    }
}
