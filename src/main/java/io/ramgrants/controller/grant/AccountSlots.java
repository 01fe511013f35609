package io.ramgrants.controller.grant;

import io.ramgrants.desired.OwnerRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * At most {@code perAccount} passes use one account at a time, so one slow or throttled account
 * can hold only that many of the operator's reconcile threads and the other accounts keep the
 * rest. A pass that finds an account full does not wait (that would hold a thread): it is
 * deferred, queued on the account, and woken when a slot frees up. Thread-safe.
 */
public final class AccountSlots {
    private final int perAccount;
    private final Map<String, Integer> inUse = new HashMap<>();
    private final Map<String, Deque<OwnerRef>> waiting = new HashMap<>();
    private final List<Consumer<OwnerRef>> listeners = new CopyOnWriteArrayList<>();

    public AccountSlots(int perAccount) {
        if (perAccount < 1) {
            throw new IllegalArgumentException("need at least one pass per account: " + perAccount);
        }
        this.perAccount = perAccount;
    }

    /** No limit: every pass proceeds. */
    public static AccountSlots unlimited() {
        return new AccountSlots(Integer.MAX_VALUE);
    }

    /** Called with a deferred grant when a slot it waits for frees up. */
    void addListener(Consumer<OwnerRef> listener) {
        listeners.add(listener);
    }

    /**
     * A slot in every one of {@code accountIds}, or none at all: then {@code grant} waits on the
     * first full account and is announced to the listeners when that account has room.
     */
    synchronized Optional<Lease> tryAcquire(OwnerRef grant, Set<String> accountIds) {
        for (String account : accountIds) {
            if (inUse.getOrDefault(account, 0) >= perAccount) {
                Deque<OwnerRef> queue = waiting.computeIfAbsent(account, a -> new ArrayDeque<>());
                if (!queue.contains(grant)) {
                    queue.addLast(grant);
                }
                return Optional.empty();
            }
        }
        for (String account : accountIds) {
            inUse.merge(account, 1, Integer::sum);
            Deque<OwnerRef> queue = waiting.get(account);
            if (queue != null) {
                queue.remove(grant); // it got its turn through another event: no wake-up for it any more
            }
        }
        return Optional.of(new Lease(Set.copyOf(accountIds)));
    }

    synchronized int inUse(String accountId) {
        return inUse.getOrDefault(accountId, 0);
    }

    private void release(Set<String> accountIds) {
        Set<OwnerRef> woken = new LinkedHashSet<>();
        synchronized (this) {
            for (String account : accountIds) {
                inUse.computeIfPresent(account, (a, n) -> n > 1 ? n - 1 : null);
                Deque<OwnerRef> queue = waiting.get(account);
                if (queue != null) {
                    Optional.ofNullable(queue.pollFirst()).ifPresent(woken::add);
                    if (queue.isEmpty()) {
                        waiting.remove(account);
                    }
                }
            }
        }
        woken.forEach(grant -> listeners.forEach(l -> l.accept(grant)));
    }

    /** The slots one pass holds; closing releases them. */
    final class Lease implements AutoCloseable {
        private final Set<String> accountIds;
        private boolean released;

        private Lease(Set<String> accountIds) {
            this.accountIds = accountIds;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(accountIds);
            }
        }
    }
}
