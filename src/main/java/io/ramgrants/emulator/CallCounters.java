package io.ramgrants.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per account and action: calls served, calls throttled, calls answered with an injected 5xx,
 * and writes served whose reply was replaced by a 5xx (also counted as served).
 */
final class CallCounters {
    enum Kind { SERVED, THROTTLED, SERVER_ERROR, LOST_REPLY }

    private final Map<Kind, ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>>> counters =
            new ConcurrentHashMap<>();

    CallCounters() {
        for (Kind k : Kind.values()) {
            counters.put(k, new ConcurrentHashMap<>());
        }
    }

    void increment(Kind kind, String accountId, String action) {
        counters.get(kind).computeIfAbsent(accountId, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    /** A sorted snapshot of the given kinds summed per account and action. */
    Map<String, Map<String, Long>> snapshot(Kind... kinds) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Kind kind : kinds) {
            counters.get(kind).forEach((account, actions) -> actions.forEach((action, n) ->
                    out.computeIfAbsent(account, a -> new TreeMap<>()).merge(action, n.sum(), Long::sum)));
        }
        return out;
    }

    void reset() {
        counters.values().forEach(Map::clear);
    }
}
