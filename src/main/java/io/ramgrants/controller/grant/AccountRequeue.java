package io.ramgrants.controller.grant;

import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.desired.OwnerRef;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Re-queues the grants that depended on an account when the account registry reports a
 * change: verified at last, credentials rotated, limits edited, deleted. The registry reports
 * names; grants may have used the account ID, so the last ID seen for each name is kept, and
 * a deleted account still finds the grants that used its ID.
 */
final class AccountRequeue {
    private final AccountRegistry registry;
    private final AccountUsage usage;
    private final Map<String, String> lastKnownIds = new ConcurrentHashMap<>();

    AccountRequeue(AccountRegistry registry, AccountUsage usage) {
        this.registry = registry;
        this.usage = usage;
    }

    /** Calls {@code requeue} for each affected grant; runs on the registry's thread, never blocks. */
    void onChange(Consumer<OwnerRef> requeue) {
        registry.addListener(name -> usage.users(keys(name)).forEach(requeue));
    }

    private Set<String> keys(String name) {
        Set<String> keys = new HashSet<>();
        keys.add(name);
        String previous = lastKnownIds.get(name);
        if (previous != null) {
            keys.add(previous);
        }
        String current = registry.byName(name).map(AccountHandle::accountId).orElse(null);
        if (current != null) {
            keys.add(current);
            lastKnownIds.put(name, current);
        }
        return keys;
    }
}
