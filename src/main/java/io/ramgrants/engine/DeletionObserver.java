package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamRole;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what deleting one grant's role needs: the role and all its attachments, and for each
 * custom policy that is ours (desired, or attached to our role) who else uses it and its
 * versions. A role that is not ours is read no further: nothing of it will be touched.
 */
public final class DeletionObserver {

    public ObservedRole observe(DesiredRole desired, RamGateway ram) {
        return observe(desired.owner(), desired.accountId(), desired.roleName(),
                desired.customPolicies().stream().map(DesiredCustomPolicy::policyName).toList(), ram);
    }

    /**
     * The same for any role name {@code owner} may hold in {@code accountId}, e.g. one its spec no
     * longer declares; {@code policyNames} are custom policies to look at besides the attached ones.
     */
    public ObservedRole observe(OwnerRef owner, String accountId, String roleName, List<String> policyNames,
                                RamGateway ram) {
        Optional<RamRole> role = ram.getRole(roleName);
        boolean ours = role.isPresent() && Ownership.ownedBy(owner, role.get().description());
        if (role.isPresent() && !ours) {
            return new ObservedRole(accountId, roleName, role, List.of(), Map.of());
        }
        List<AttachedPolicy> attached = role.isPresent() ? ram.listPoliciesForRole(roleName) : List.of();
        Set<String> names = new LinkedHashSet<>(policyNames);
        attached.stream().filter(p -> p.policyType() == PolicyType.Custom)
                .map(AttachedPolicy::policyName).forEach(names::add);
        Map<String, ObservedPolicy> policies = new LinkedHashMap<>();
        for (String name : names) {
            policies.put(name, observePolicy(owner, name, ram));
        }
        return new ObservedRole(accountId, roleName, role, attached, policies);
    }

    /** One custom policy; who uses it and its versions only when it carries {@code owner}'s marker. */
    static ObservedPolicy observePolicy(OwnerRef owner, String name, RamGateway ram) {
        Optional<ObservedPolicy> found = ram.getPolicy(PolicyType.Custom, name).map(ObservedPolicy::of);
        if (found.isEmpty()) {
            return ObservedPolicy.absent(name);
        }
        if (!Ownership.ownedBy(owner, found.get().description())) {
            return found.get();
        }
        return found.get()
                .withEntities(ram.listEntitiesForPolicy(PolicyType.Custom, name))
                .withVersions(ram.listPolicyVersions(PolicyType.Custom, name));
    }
}
