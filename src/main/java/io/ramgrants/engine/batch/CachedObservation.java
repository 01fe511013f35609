package io.ramgrants.engine.batch;

import io.ramgrants.engine.ObservedPolicy;
import io.ramgrants.engine.ObservedRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last per-role observation of one role, kept while the account's listings say nothing
 * changed since.
 *
 * @param sequence when it was read, on the account's observation sequence
 * @param settled  false while the role's UpdateDate is too close to the read for a same-second
 *                 change to be told apart; such an entry is read again before it is trusted
 * @param sweepDue when the role must be read per role again whatever the listings say
 */
record CachedObservation(ObservedRole observed, long sequence, boolean settled, Instant sweepDue) {

    /** The fingerprint of each custom policy looked up with the role; empty for an absent one. */
    Map<String, Optional<PolicyFingerprint>> policyFingerprints() {
        Map<String, Optional<PolicyFingerprint>> out = new HashMap<>();
        for (ObservedPolicy policy : observed.customPolicies().values()) {
            out.put(policy.policyName(), policy.policy().map(PolicyFingerprint::of));
        }
        return out;
    }
}
