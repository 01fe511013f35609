package io.ramgrants.engine;

import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.PolicyVersion;
import io.ramgrants.ram.RamPolicy;
import io.ramgrants.ram.RamRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observed values built by hand for the pure diff and plan tests. */
final class Observations {
    private Observations() {}

    static AttachedPolicy system(String name) {
        return new AttachedPolicy(name, PolicyType.System);
    }

    static AttachedPolicy custom(String name) {
        return new AttachedPolicy(name, PolicyType.Custom);
    }

    static ObservedRole role(String account, String name, String trust, String description,
                             List<AttachedPolicy> attached, ObservedPolicy... policies) {
        RamRole role = new RamRole(name, "id", "acs:ram::" + account + ":role/" + name, description, trust, 3600,
                "2024-01-01", "2024-01-01");
        Map<String, ObservedPolicy> byName = new LinkedHashMap<>();
        for (ObservedPolicy p : policies) {
            byName.put(p.policyName(), p);
        }
        return new ObservedRole(account, name, Optional.of(role), attached, byName);
    }

    static ObservedRole missing(String account, String name, ObservedPolicy... policies) {
        Map<String, ObservedPolicy> byName = new LinkedHashMap<>();
        for (ObservedPolicy p : policies) {
            byName.put(p.policyName(), p);
        }
        return ObservedRole.missing(account, name, byName);
    }

    /** A custom policy whose default version holds {@code document}. */
    static ObservedPolicy policy(String name, String document, String description) {
        return ObservedPolicy.of(new RamPolicy(name, PolicyType.Custom, description, "v1", document, 1,
                "2024-01-01", "2024-01-01"));
    }

    /** {@code count} versions v1..vN, version {@code defaultNumber} the default. */
    static List<PolicyVersion> versions(int count, int defaultNumber) {
        List<PolicyVersion> versions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            versions.add(new PolicyVersion("v" + i, i == defaultNumber, "{}", "2024-01-0" + i));
        }
        return versions;
    }
}
