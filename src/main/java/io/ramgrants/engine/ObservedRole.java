package io.ramgrants.engine;

import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.RamRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One role as RAM reported it during one pass: a plain value, so diffing and planning are
 * pure functions of (desired, observed). {@code customPolicies} holds the policies the engine
 * looked up, by name.
 */
public record ObservedRole(
        String accountId,
        String roleName,
        Optional<RamRole> role,
        List<AttachedPolicy> attached,
        Map<String, ObservedPolicy> customPolicies) {

    public ObservedRole {
        attached = List.copyOf(attached);
        customPolicies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(customPolicies));
    }

    public static ObservedRole missing(String accountId, String roleName, Map<String, ObservedPolicy> policies) {
        return new ObservedRole(accountId, roleName, Optional.empty(), List.of(), policies);
    }

    public boolean exists() {
        return role.isPresent();
    }

    public String description() {
        return role.map(RamRole::description).orElse(null);
    }

    public String trustDocument() {
        return role.map(RamRole::trustPolicyDocument).orElse(null);
    }

    /** The ARN RAM reported, if the role exists. */
    public Optional<String> arn() {
        return role.map(RamRole::arn);
    }

    public ObservedPolicy policy(String policyName) {
        return customPolicies.getOrDefault(policyName, ObservedPolicy.absent(policyName));
    }
}
