package io.ramgrants.engine.batch;

import io.ramgrants.ram.PolicyPage;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamPolicy;
import io.ramgrants.ram.RamRole;
import io.ramgrants.ram.RolePage;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an account's listings in bulk: ListRoles in pages of 1000, ListEntitiesForPolicy once
 * per tracked system policy (shared by all our roles of a kind, e.g. AliyunDTSRolePolicy), and
 * ListPolicies (Custom) in pages of 1000 when we track custom policies. A few calls for a
 * thousand roles, instead of two or three per role.
 */
final class SnapshotReader {
    static final int PAGE = 1000;

    private SnapshotReader() {}

    static AccountSnapshot read(RamGateway ram, long sequence, Instant now, Set<String> trackedRoles,
                                Set<String> trackedSystemPolicies, Set<String> trackedCustomPolicies) {
        Map<String, RamRole> roles = new HashMap<>();
        String marker = null;
        do {
            RolePage page = ram.listRoles(marker, PAGE);
            for (RamRole role : page.roles()) {
                String key = key(role.roleName());
                if (trackedRoles.contains(key)) {
                    roles.put(key, role);
                }
            }
            marker = page.nextMarker();
        } while (marker != null);

        Map<String, Set<String>> holders = new HashMap<>();
        for (String policy : trackedSystemPolicies) {
            Set<String> ours = new HashSet<>();
            ram.listEntitiesForPolicy(PolicyType.System, policy).roleNames().stream()
                    .map(SnapshotReader::key).filter(trackedRoles::contains).forEach(ours::add);
            holders.put(policy, ours);
        }

        Map<String, Optional<PolicyFingerprint>> custom = new HashMap<>();
        if (!trackedCustomPolicies.isEmpty()) {
            trackedCustomPolicies.forEach(name -> custom.put(name, Optional.empty()));
            marker = null;
            do {
                PolicyPage page = ram.listPolicies(PolicyType.Custom, marker, PAGE);
                for (RamPolicy policy : page.policies()) {
                    if (trackedCustomPolicies.contains(policy.policyName())) {
                        custom.put(policy.policyName(), Optional.of(PolicyFingerprint.of(policy)));
                    }
                }
                marker = page.nextMarker();
            } while (marker != null);
        }
        return new AccountSnapshot(sequence, now, roles, holders, custom);
    }

    static String key(String roleName) {
        return roleName.toLowerCase(Locale.ROOT);
    }
}
