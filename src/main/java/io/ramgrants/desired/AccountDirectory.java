package io.ramgrants.desired;

import java.util.Optional;

/**
 * The accounts known to the cluster (or to a set of manifests), looked up by
 * {@code AlibabaCloudAccount} name or by account ID. Grants refer to accounts both ways.
 */
public interface AccountDirectory {
    Optional<AccountFacts> byName(String name);

    /** The account with this {@code spec.accountId}; the first by name if several describe it. */
    Optional<AccountFacts> byAccountId(String accountId);

    default boolean knowsAccountId(String accountId) {
        return byAccountId(accountId).isPresent();
    }
}
