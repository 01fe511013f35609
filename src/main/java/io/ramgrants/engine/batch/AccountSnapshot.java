package io.ramgrants.engine.batch;

import io.ramgrants.ram.RamRole;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One account's listings, read together: the roles we track as ListRoles shows them (no trust
 * document), who holds each tracked system policy (ListEntitiesForPolicy), and the fingerprint
 * of each tracked custom policy (ListPolicies). Only tracked names are kept, so the memory is
 * proportional to our roles, not to the account. Keys are lower-case role names (RAM compares
 * role names case-insensitively).
 *
 * @param sequence    when reading began, on the account's observation sequence; an entry read per
 *                    role later than this is newer than anything the snapshot can say
 * @param takenAt     when reading began, for the snapshot's age
 */
record AccountSnapshot(long sequence, Instant takenAt, Map<String, RamRole> roles,
                       Map<String, Set<String>> systemPolicyHolders,
                       Map<String, Optional<PolicyFingerprint>> customPolicies) {

    AccountSnapshot {
        roles = Map.copyOf(roles);
        systemPolicyHolders = Map.copyOf(systemPolicyHolders);
        customPolicies = Map.copyOf(customPolicies);
    }
}
