package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the engine may write to what it observed, from the marker in the
 * description: ours → yes; none → only when adoption is allowed; another owner → never.
 */
public final class Ownership {

    /** Conflicts blocking writes to this role; empty when the role and its custom policies are ours to manage. */
    public List<Conflict> conflicts(DesiredRole desired, ObservedRole observed, Adoption adoption) {
        List<Conflict> conflicts = new ArrayList<>();
        if (observed.exists()) {
            check(desired.owner(), observed.description(), adoption)
                    .map(c -> conflict(desired.accountId(), "role", desired.roleName(), c, observed.description()))
                    .ifPresent(conflicts::add);
        }
        for (DesiredCustomPolicy custom : desired.customPolicies()) {
            ObservedPolicy policy = observed.policy(custom.policyName());
            if (policy.exists()) {
                check(desired.owner(), policy.description(), adoption)
                        .map(c -> conflict(desired.accountId(), "policy", custom.policyName(), c, policy.description()))
                        .ifPresent(conflicts::add);
            }
        }
        return conflicts;
    }

    /** True when {@code description} carries {@code owner}'s marker. */
    public static boolean ownedBy(OwnerRef owner, String description) {
        return OwnerRef.fromDescription(description).filter(owner::equals).isPresent();
    }

    private static Optional<ConflictReason> check(OwnerRef owner, String description, Adoption adoption) {
        Optional<OwnerRef> marked = OwnerRef.fromDescription(description);
        if (marked.isEmpty()) {
            return adoption == Adoption.IF_UNOWNED ? Optional.empty() : Optional.of(ConflictReason.UNOWNED);
        }
        return marked.get().equals(owner) ? Optional.empty() : Optional.of(ConflictReason.OWNED_BY_OTHER);
    }

    private static Conflict conflict(String accountId, String entity, String name, ConflictReason reason,
                                     String description) {
        String other = OwnerRef.fromDescription(description).map(OwnerRef::toString).orElse(null);
        return new Conflict(accountId, entity, name, reason, other);
    }
}
