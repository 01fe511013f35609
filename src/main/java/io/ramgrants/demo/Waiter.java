package io.ramgrants.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls until something holds, or gives up after the timeout with a message naming what did
 * not happen and the last thing seen, so a failed demo explains itself.
 */
final class Waiter {
    private static final Duration POLL = Duration.ofMillis(50);
    private final Duration timeout;

    Waiter(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * @param what     what is awaited, e.g. "CrossAccountDtsGrant data-platform/x to become Ready"
     * @param probe    the result once it holds, empty before
     * @param lastSeen what the world looks like now, for the failure message
     */
    <T> T until(String what, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                Optional<T> result = probe.get();
                if (result.isPresent()) {
                    return result.get();
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                String seen = lastError != null ? "last error: " + lastError.getMessage() : "last seen: " + lastSeen.get();
                throw new DemoFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; " + seen);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("interrupted while waiting for " + what);
            }
        }
    }
}
