package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
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
        Optional<RamRole> role = ram.getRole(desired.roleName());
        boolean ours = role.isPresent() && Ownership.ownedBy(desired.owner(), role.get().description());
        if (role.isPresent() && !ours) {
            return new ObservedRole(desired.accountId(), desired.roleName(), role, List.of(), Map.of());
        }
        List<AttachedPolicy> attached = role.isPresent() ? ram.listPoliciesForRole(desired.roleName()) : List.of();
        Set<String> policyNames = new LinkedHashSet<>();
        desired.customPolicies().stream().map(DesiredCustomPolicy::policyName).forEach(policyNames::add);
        attached.stream().filter(p -> p.policyType() == PolicyType.Custom)
                .map(AttachedPolicy::policyName).forEach(policyNames::add);
        Map<String, ObservedPolicy> policies = new LinkedHashMap<>();
        for (String name : policyNames) {
            policies.put(name, observePolicy(desired, name, ram));
        }
        return new ObservedRole(desired.accountId(), desired.roleName(), role, attached, policies);
    }

    private static ObservedPolicy observePolicy(DesiredRole desired, String name, RamGateway ram) {
        Optional<ObservedPolicy> found = ram.getPolicy(PolicyType.Custom, name).map(ObservedPolicy::of);
        if (found.isEmpty()) {
            return ObservedPolicy.absent(name);
        }
        if (!Ownership.ownedBy(desired.owner(), found.get().description())) {
            return found.get();
        }
        return found.get()
                .withEntities(ram.listEntitiesForPolicy(PolicyType.Custom, name))
                .withVersions(ram.listPolicyVersions(PolicyType.Custom, name));
    }
}
