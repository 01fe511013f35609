package io.ramgrants.engine.batch;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.engine.ObservedRole;
import io.ramgrants.engine.RoleObserver;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Observation of one account's roles from bulk listings. A role is read per role (exactly as
 * {@link RoleObserver} does) when it is new to the cache, when a listing shows it changed, when
 * the engine wrote to it, or when its periodic sweep is due; otherwise its last observation is
 * served again. Thread-safe: controllers observe roles of one account concurrently.
 *
 * <p>No RAM call runs under a lock. A listing is read by one pass at a time; passes arriving
 * meanwhile keep using the previous listing (or wait for the first one), so a throttled listing
 * delays one pass, not every pass of the account. A per-role read that started before the engine
 * wrote to that role (or to a custom policy) is returned but not cached: each role and the
 * custom policies have a write generation, and an entry is stored only if its generation did
 * not move while it was read, so a write's invalidation is never undone by a slower read.
 */
final class AccountObservationCache {
    private final String accountId;
    private final BatchSettings settings;
    private final Clock clock;
    private final RoleObserver perRole = new RoleObserver();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> trackedRoles = ConcurrentHashMap.newKeySet();
    private final Set<String> trackedSystemPolicies = ConcurrentHashMap.newKeySet();
    private final Set<String> trackedCustomPolicies = ConcurrentHashMap.newKeySet();
    private final Map<String, CachedObservation> entries = new ConcurrentHashMap<>();
    /** Per role key, how many writes the engine reported; an entry read across a write is not stored. */
    private final Map<String, Long> roleWrites = new ConcurrentHashMap<>();
    private final AtomicLong policyWrites = new AtomicLong();
    private final AtomicReference<CompletableFuture<AccountSnapshot>> listing = new AtomicReference<>();
    private volatile AccountSnapshot snapshot;

    AccountObservationCache(String accountId, BatchSettings settings, Clock clock) {
        this.accountId = accountId;
        this.settings = settings;
        this.clock = clock;
    }

    ObservedRole observe(DesiredRole desired, RamGateway ram) {
        String key = SnapshotReader.key(desired.roleName());
        track(key, desired);
        AccountSnapshot current = currentSnapshot(ram);
        CachedObservation entry = entries.get(key);
        Instant now = clock.instant();
        if (entry != null && SnapshotCheck.stillCurrent(entry, desired, current, now)) {
            return entry.observed();
        }
        long roleGeneration = roleWrites.getOrDefault(key, 0L);
        long policyGeneration = policyWrites.get();
        long readAt = sequence.incrementAndGet();
        ObservedRole observed = perRole.observe(desired, ram);
        Instant sweepDue = entry == null ? now.plus(firstSweepDelay(key)) : now.plus(settings.sweepInterval());
        CachedObservation fresh = new CachedObservation(observed, readAt, settled(observed, now), sweepDue);
        entries.compute(key, (k, previous) -> roleWrites.getOrDefault(k, 0L) == roleGeneration
                && policyWrites.get() == policyGeneration ? fresh : previous);
        return observed;
    }

    /** The engine wrote to this role: the next observation reads it per role. */
    void roleWritten(String roleName) {
        String key = SnapshotReader.key(roleName);
        roleWrites.merge(key, 1L, Long::sum);
        entries.remove(key);
    }

    /** The engine wrote to this custom policy: every role looking it up reads it per role next. */
    void policyWritten(String policyName) {
        policyWrites.incrementAndGet();
        entries.values().removeIf(e -> e.observed().customPolicies().containsKey(policyName));
    }

    int cachedRoles() {
        return entries.size();
    }

    private void track(String key, DesiredRole desired) {
        trackedRoles.add(key);
        trackedSystemPolicies.addAll(desired.systemPolicies());
        desired.customPolicies().stream().map(DesiredCustomPolicy::policyName).forEach(trackedCustomPolicies::add);
    }

    /**
     * The account's listing, read again once it is older than the snapshot age. One pass reads it,
     * outside any lock; the others serve the previous listing meanwhile, or, before the first one
     * exists, wait for that read (not for a monitor).
     */
    private AccountSnapshot currentSnapshot(RamGateway ram) {
        AccountSnapshot current = snapshot;
        if (current != null && !expired(current)) {
            return current;
        }
        CompletableFuture<AccountSnapshot> mine = new CompletableFuture<>();
        CompletableFuture<AccountSnapshot> inFlight = listing.compareAndExchange(null, mine);
        if (inFlight != null) {
            return current != null ? current : await(inFlight);
        }
        try {
            AccountSnapshot latest = snapshot;
            if (latest == null || expired(latest)) {
                latest = SnapshotReader.read(ram, sequence.incrementAndGet(), clock.instant(), Set.copyOf(trackedRoles),
                        Set.copyOf(trackedSystemPolicies), Set.copyOf(trackedCustomPolicies));
                snapshot = latest;
            }
            mine.complete(latest);
            return latest;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            listing.set(null);
        }
    }

    private static AccountSnapshot await(CompletableFuture<AccountSnapshot> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private boolean expired(AccountSnapshot s) {
        return !clock.instant().isBefore(s.takenAt().plus(settings.maxSnapshotAge()));
    }

    /**
     * The first sweep of a role comes after a share of the interval fixed by its name, so roles
     * first seen together (an operator start) are swept evenly over the interval, not at once.
     */
    private Duration firstSweepDelay(String key) {
        long slots = 1 << 20;
        double share = (Math.floorMod(mix(accountId + "/" + key), slots) + 1) / (double) slots;
        return Duration.ofMillis((long) (settings.sweepInterval().toMillis() * share));
    }

    private boolean settled(ObservedRole observed, Instant now) {
        if (observed.role().isEmpty()) {
            return true;
        }
        RamRole role = observed.role().get();
        String date = role.updateDate() != null ? role.updateDate() : role.createDate();
        try {
            return date == null || !Instant.parse(date).plus(settings.settleTime()).isAfter(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static long mix(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }
}
