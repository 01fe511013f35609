package io.ramgrants.engine.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RAM writes made by someone other than this operator, as ActionTrail reported them, kept per
 * role and per policy until a pass over the role used them to say who caused its drift (or
 * found the role in order). Entries older than {@link #KEEP} are dropped. Thread-safe.
 */
public final class OutOfBandWrites {
    static final Duration KEEP = Duration.ofHours(24);

    /**
     * One write, already rendered without secrets: {@code what} ("AdministratorAccess
     * attached"), {@code caller} ("RAM user alice (LTAI****abcd)"), {@code sourceIp}.
     */
    public record Write(String eventId, Instant time, String action, String what, String caller, String sourceIp,
                        Instant notedAt) {
        /** e.g. {@code AdministratorAccess attached by RAM user alice (LTAI****abcd) from 203.0.113.5 at 12:03:07Z}. */
        public String describe() {
            StringBuilder sb = new StringBuilder(what).append(" by ").append(caller);
            if (sourceIp != null && !sourceIp.isEmpty()) {
                sb.append(" from ").append(sourceIp);
            }
            return sb.append(" at ").append(time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).toString();
        }
    }

    private final Map<String, List<Write>> byKey = new ConcurrentHashMap<>();

    void note(String accountId, Collection<String> roles, Collection<String> policies, Write write) {
        roles.forEach(r -> add(roleKey(accountId, r), write));
        policies.forEach(p -> add(policyKey(accountId, p), write));
    }

    /** Writes naming the role or one of the policies, oldest first, without duplicates. */
    public List<Write> about(String accountId, String roleName, Collection<String> policies) {
        List<Write> out = new ArrayList<>(byKey.getOrDefault(roleKey(accountId, roleName), List.of()));
        policies.forEach(p -> out.addAll(byKey.getOrDefault(policyKey(accountId, p), List.of())));
        return out.stream().distinct().sorted(Comparator.comparing(Write::time)).toList();
    }

    /** Forgets the writes about the role and policies noted before {@code before}. */
    public void settle(String accountId, String roleName, Collection<String> policies, Instant before) {
        settleKey(roleKey(accountId, roleName), before);
        policies.forEach(p -> settleKey(policyKey(accountId, p), before));
    }

    private void add(String key, Write write) {
        byKey.compute(key, (k, list) -> {
            List<Write> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            Instant horizon = write.notedAt().minus(KEEP);
            next.removeIf(w -> w.notedAt().isBefore(horizon) || w.eventId().equals(write.eventId()));
            next.add(write);
            return List.copyOf(next);
        });
    }

    private void settleKey(String key, Instant before) {
        byKey.computeIfPresent(key, (k, list) -> {
            List<Write> next = list.stream().filter(w -> !w.notedAt().isBefore(before)).toList();
            return next.isEmpty() ? null : next;
        });
    }

    private static String roleKey(String accountId, String roleName) {
        return accountId + "/role/" + roleName.toLowerCase(Locale.ROOT);
    }

    private static String policyKey(String accountId, String policyName) {
        return accountId + "/policy/" + policyName;
    }
}
