package io.ramgrants.controller.grant;

import io.ramgrants.desired.OwnerRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which grants depended on which accounts (by AlibabaCloudAccount name or account ID) in
 * their last pass, so an account change re-queues exactly those grants. Thread-safe.
 *
 * <p>A pass announces itself with {@link #reading} before it reads the account registry and
 * records what it depended on afterwards. Between the two, any account change counts as
 * touching the grant: the pass may already have read the old view, and without this the
 * change would find nobody to re-queue (the grant would wait a whole resync).
 */
final class AccountUsage {
    private final Map<OwnerRef, Set<String>> byGrant = new ConcurrentHashMap<>();
    private final Set<OwnerRef> reading = ConcurrentHashMap.newKeySet();

    /** Called before the pass reads the registry: until {@link #record}, every change re-queues the grant. */
    void reading(OwnerRef grant) {
        reading.add(grant);
    }

    void record(OwnerRef grant, Set<String> accounts) {
        byGrant.put(grant, Set.copyOf(accounts));
        reading.remove(grant);
    }

    /** Ends the window {@link #reading} opened, also when the pass failed before recording. */
    void doneReading(OwnerRef grant) {
        reading.remove(grant);
    }

    void forget(OwnerRef grant) {
        byGrant.remove(grant);
        reading.remove(grant);
    }

    /** Grants that depended on any of {@code keys}, and every grant reading the registry right now. */
    Set<OwnerRef> users(Set<String> keys) {
        return Stream.concat(reading.stream(), byGrant.entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(keys::contains))
                        .map(Map.Entry::getKey))
                .collect(Collectors.toSet());
    }
}
