package io.ramgrants.controller.grant;

import io.ramgrants.desired.OwnerRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which grants depended on which accounts (by AlibabaCloudAccount name or account ID) in
 * their last pass, so an account change re-queues exactly those grants. Thread-safe.
 */
final class AccountUsage {
    private final Map<OwnerRef, Set<String>> byGrant = new ConcurrentHashMap<>();

    void record(OwnerRef grant, Set<String> accounts) {
        byGrant.put(grant, Set.copyOf(accounts));
    }

    void forget(OwnerRef grant) {
        byGrant.remove(grant);
    }

    /** Grants that depended on any of {@code keys}. */
    Set<OwnerRef> users(Set<String> keys) {
        return byGrant.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(keys::contains))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
