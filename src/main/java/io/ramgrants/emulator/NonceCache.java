package io.ramgrants.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers signature nonces for the 15 minutes a signed request stays valid. Benchmarks
 * send hundreds of thousands of calls, so a nonce is kept as a 64-bit hash of key and
 * nonce (a collision is astronomically unlikely at that volume) and old ones are purged.
 */
final class NonceCache {
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final ConcurrentHashMap<Long, Long> seenAtMillis = new ConcurrentHashMap<>();
    private final AtomicLong lastPurgeMillis = new AtomicLong();

    NonceCache(Clock clock) {
        this.clock = clock;
    }

    /** Records the nonce; false when it was already used within the window. */
    boolean firstUse(String accessKeyId, String nonce) {
        long now = clock.millis();
        purgeIfDue(now);
        long key = hash(accessKeyId, nonce);
        boolean[] fresh = {false};
        seenAtMillis.compute(key, (k, previous) -> {
            if (previous == null || now - previous > WINDOW.toMillis()) {
                fresh[0] = true;
                return now;
            }
            return previous;
        });
        return fresh[0];
    }

    private void purgeIfDue(long now) {
        long last = lastPurgeMillis.get();
        if (now - last >= 60_000 && lastPurgeMillis.compareAndSet(last, now)) {
            long oldest = now - WINDOW.toMillis();
            seenAtMillis.values().removeIf(t -> t < oldest);
        }
    }

    /** FNV-1a, 64 bit, over the key, a separator and the nonce. */
    static long hash(String accessKeyId, String nonce) {
        long h = 0xcbf29ce484222325L;
        String s = accessKeyId + '\u0000' + nonce;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
