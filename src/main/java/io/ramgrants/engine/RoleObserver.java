package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what RAM holds for one desired role. In steady state this costs GetRole,
 * ListPoliciesForRole and one GetPolicy per desired custom policy (docs/scale.md); versions are
 * listed only when a custom policy's document differs, because only then does the plan need them.
 */
public final class RoleObserver implements RoleObservationSource {

    @Override
    public ObservedRole observe(DesiredRole desired, RamGateway ram) {
        Map<String, ObservedPolicy> policies = new LinkedHashMap<>();
        for (DesiredCustomPolicy custom : desired.customPolicies()) {
            policies.put(custom.policyName(), observePolicy(custom, ram));
        }
        Optional<RamRole> role = ram.getRole(desired.roleName());
        if (role.isEmpty()) {
            return ObservedRole.missing(desired.accountId(), desired.roleName(), policies);
        }
        List<AttachedPolicy> attached = ram.listPoliciesForRole(desired.roleName());
        return new ObservedRole(desired.accountId(), desired.roleName(), role, attached, policies);
    }

    private static ObservedPolicy observePolicy(DesiredCustomPolicy custom, RamGateway ram) {
        ObservedPolicy observed = ram.getPolicy(PolicyType.Custom, custom.policyName())
                .map(ObservedPolicy::of)
                .orElseGet(() -> ObservedPolicy.absent(custom.policyName()));
        if (observed.exists() && !PolicyDocuments.same(custom.document(), observed.defaultDocument())) {
            observed = observed.withVersions(ram.listPolicyVersions(PolicyType.Custom, custom.policyName()));
        }
        return observed;
    }
}
