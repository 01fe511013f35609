package io.ramgrants.engine.batch;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.engine.ObservedRole;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamRole;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a cached observation still describes RAM, given a newer listing. Each drift
 * the engine corrects leaves a trace in some listing, except one:
 * <ul>
 *   <li>trust policy or description edited: UpdateRole moves the role's UpdateDate;</li>
 *   <li>role deleted (or deleted and created again): gone from ListRoles, or another RoleId;</li>
 *   <li>a tracked system policy detached or attached: the policy's ListEntitiesForPolicy;</li>
 *   <li>a custom policy edited, deleted, detached: its ListPolicies fingerprint;</li>
 *   <li>any other policy attached out of band (AdministratorAccess): no listing shows it without
 *       a call per role, and attaching does not move UpdateDate; the periodic sweep catches it.</li>
 * </ul>
 */
final class SnapshotCheck {
    private SnapshotCheck() {}

    static boolean stillCurrent(CachedObservation entry, DesiredRole desired, AccountSnapshot snapshot, Instant now) {
        if (!now.isBefore(entry.sweepDue())) {
            return false;
        }
        if (!sameCustomPolicyNames(entry.observed(), desired)) {
            return false;
        }
        if (entry.sequence() > snapshot.sequence()) {
            return true; // read after the listing began: the listing knows nothing newer
        }
        if (!entry.settled()) {
            return false;
        }
        String key = SnapshotReader.key(desired.roleName());
        return sameRole(entry.observed(), snapshot.roles().get(key))
                && sameSystemAttachments(entry.observed(), key, desired, snapshot)
                && sameCustomPolicies(entry, snapshot);
    }

    private static boolean sameCustomPolicyNames(ObservedRole observed, DesiredRole desired) {
        Set<String> wanted = desired.customPolicies().stream().map(DesiredCustomPolicy::policyName)
                .collect(Collectors.toSet());
        return observed.customPolicies().keySet().equals(wanted);
    }

    private static boolean sameRole(ObservedRole observed, RamRole listed) {
        if (observed.role().isEmpty() || listed == null) {
            return observed.role().isEmpty() && listed == null;
        }
        RamRole cached = observed.role().get();
        return Objects.equals(cached.roleId(), listed.roleId())
                && Objects.equals(cached.updateDate(), listed.updateDate())
                && Objects.equals(cached.description(), listed.description());
    }

    private static boolean sameSystemAttachments(ObservedRole observed, String key, DesiredRole desired,
                                                 AccountSnapshot snapshot) {
        if (!snapshot.systemPolicyHolders().keySet().containsAll(desired.systemPolicies())) {
            return false; // the listing predates a policy the role now wants: nothing to compare with
        }
        Set<String> attached = observed.attached().stream().filter(p -> p.policyType() == PolicyType.System)
                .map(AttachedPolicy::policyName).collect(Collectors.toSet());
        for (Map.Entry<String, Set<String>> holders : snapshot.systemPolicyHolders().entrySet()) {
            if (attached.contains(holders.getKey()) != holders.getValue().contains(key)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameCustomPolicies(CachedObservation entry, AccountSnapshot snapshot) {
        for (Map.Entry<String, Optional<PolicyFingerprint>> cached : entry.policyFingerprints().entrySet()) {
            Optional<PolicyFingerprint> listed = snapshot.customPolicies().get(cached.getKey());
            if (listed == null || !listed.equals(cached.getValue())) {
                return false;
            }
        }
        return true;
    }
}
