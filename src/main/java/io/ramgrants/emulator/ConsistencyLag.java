package io.ramgrants.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * RAM's eventual consistency, as an optional model (an assumption, see docs/emulator.md): after a
 * write, dependent calls may still see the state before it for a seeded random time up to the
 * configured lag. A detach still blocks DeleteRole ({@code DeleteConflict.Role.Policy}) and
 * DeletePolicy ({@code DeleteConflict.Policy.Role}); a deleted version still blocks DeletePolicy
 * ({@code DeleteConflict.Policy.Version}) and still counts against the 5-version limit
 * ({@code LimitExceeded.Policy.Version}); a new role is not yet found by AttachPolicyToRole
 * ({@code EntityNotExist.Role}); GetRole may still show the previous trust policy.
 *
 * <p>One instance per account, guarded by the account's lock (every action holds it).
 */
final class ConsistencyLag {
    enum Kind { DETACHED_FROM_ROLE, DETACHED_POLICY, DELETED_VERSION, CREATED_ROLE }

    private final Map<String, Instant> settlingUntil = new HashMap<>();
    private final Map<String, String> previousTrust = new HashMap<>();
    private final Map<String, Integer> ghostVersions = new HashMap<>();
    private final Random random;
    private final LagSource lag;

    /** The current maximum lag (changeable at runtime through the fault settings). */
    interface LagSource {
        Duration maxLag();
    }

    ConsistencyLag(long seed, LagSource lag) {
        this.random = new Random(seed);
        this.lag = lag;
    }

    /** Records that {@code name} (a role or policy) was just written in a way {@code kind} describes. */
    void wrote(Kind kind, String name, Instant now) {
        Instant until = until(now);
        if (until == null) {
            return;
        }
        settlingUntil.merge(kind + "/" + name, until, (a, b) -> a.isAfter(b) ? a : b);
        if (kind == Kind.DELETED_VERSION) {
            ghostVersions.merge(name, 1, Integer::sum);
        }
    }

    /** A trust policy was replaced: GetRole may show {@code previous} until the lag has passed. */
    void trustChanged(String role, String previous, Instant now) {
        Instant until = until(now);
        if (until != null) {
            settlingUntil.put("TRUST/" + role, until);
            previousTrust.putIfAbsent(role, previous);
        }
    }

    boolean settling(Kind kind, String name, Instant now) {
        String key = kind + "/" + name;
        Instant until = settlingUntil.get(key);
        if (until == null) {
            return false;
        }
        if (!now.isBefore(until)) {
            settlingUntil.remove(key);
            if (kind == Kind.DELETED_VERSION) {
                ghostVersions.remove(name);
            }
            return false;
        }
        return true;
    }

    /** Deleted versions RAM may still count for {@code policy}. */
    int ghostVersions(String policy, Instant now) {
        return settling(Kind.DELETED_VERSION, policy, now) ? ghostVersions.getOrDefault(policy, 0) : 0;
    }

    /** The trust policy GetRole may still show, or null when RAM has caught up. */
    String staleTrust(String role, Instant now) {
        Instant until = settlingUntil.get("TRUST/" + role);
        if (until == null || !now.isBefore(until)) {
            settlingUntil.remove("TRUST/" + role);
            previousTrust.remove(role);
            return null;
        }
        return previousTrust.get(role);
    }

    /** A role or policy that is gone forgets what was settling about it. */
    void forget(String name) {
        settlingUntil.keySet().removeIf(k -> k.endsWith("/" + name));
        previousTrust.remove(name);
        ghostVersions.remove(name);
    }

    private Instant until(Instant now) {
        Duration max = lag.maxLag();
        if (max.isZero() || max.isNegative()) {
            return null;
        }
        return now.plusMillis(1 + (long) (random.nextDouble() * max.toMillis()));
    }
}
