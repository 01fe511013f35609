package io.ramgrants.engine;

import io.ramgrants.ram.PolicyEntities;
import io.ramgrants.ram.PolicyVersion;
import io.ramgrants.ram.RamPolicy;
import java.util.List;
import java.util.Optional;

/**
 * A custom policy as RAM reported it during one pass. {@code versions} is listed only when the
 * engine will need it (a drifted document, or deletion) and is empty otherwise; {@code entities}
 * likewise only for deletion.
 */
public record ObservedPolicy(
        String policyName,
        Optional<RamPolicy> policy,
        List<PolicyVersion> versions,
        Optional<PolicyEntities> entities) {

    public ObservedPolicy {
        versions = List.copyOf(versions);
    }

    public static ObservedPolicy absent(String policyName) {
        return new ObservedPolicy(policyName, Optional.empty(), List.of(), Optional.empty());
    }

    public static ObservedPolicy of(RamPolicy policy) {
        return new ObservedPolicy(policy.policyName(), Optional.of(policy), List.of(), Optional.empty());
    }

    public boolean exists() {
        return policy.isPresent();
    }

    public String description() {
        return policy.map(RamPolicy::description).orElse(null);
    }

    public String defaultDocument() {
        return policy.map(RamPolicy::defaultVersionDocument).orElse(null);
    }

    public ObservedPolicy withVersions(List<PolicyVersion> listed) {
        return new ObservedPolicy(policyName, policy, listed, entities);
    }

    public ObservedPolicy withEntities(PolicyEntities listed) {
        return new ObservedPolicy(policyName, policy, versions, Optional.of(listed));
    }
}
