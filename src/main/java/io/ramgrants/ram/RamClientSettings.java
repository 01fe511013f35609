package io.ramgrants.ram;

import java.time.Duration;
import java.util.Objects;

/**
 * How the operator talks to RAM: the per-account call budget, the retry schedule for
 * retryable failures and the HTTP timeouts. One value for the whole process, so every
 * gateway for an account obeys the same limit.
 *
 * @param qps            calls per second allowed per account, all actions together; used only when
 *                       {@code ramQuotas} is false
 * @param ramQuotas      one budget per account and action at RAM's documented quota for it
 *                       ({@link RamQuotas}) instead of the uniform {@code qps}
 * @param maxAttempts    attempts per call including the first (1 = no retry)
 * @param baseDelay      first backoff delay; doubles per retry, with jitter
 * @param maxDelay       cap on one backoff delay
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    time to wait for RAM's answer
 * @param signature      which request signature the SDK uses
 */
public record RamClientSettings(double qps, boolean ramQuotas, int maxAttempts, Duration baseDelay, Duration maxDelay,
                                Duration connectTimeout, Duration readTimeout, Signature signature) {

    /** {@code ACS3} is the RAM SDK's default (ACS3-HMAC-SHA256); {@code V1} is HMAC-SHA1 signature v1. */
    public enum Signature { ACS3, V1 }

    public RamClientSettings {
        if (!(qps > 0)) {
            throw new IllegalArgumentException("qps must be positive: " + qps);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(signature, "signature");
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay");
        }
    }

    /** RAM's per-API quotas per account (10/s attach to 100/s reads), 6 attempts, 200 ms to 10 s backoff. */
    public static RamClientSettings defaults() {
        return new RamClientSettings(10, true, 6, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(15), Signature.ACS3);
    }

    /** One uniform budget of {@code newQps} calls per second per account, replacing the per-API quotas. */
    public RamClientSettings withQps(double newQps) {
        return new RamClientSettings(newQps, false, maxAttempts, baseDelay, maxDelay, connectTimeout, readTimeout, signature);
    }

    /** One budget per account and action at RAM's documented quota ({@link RamQuotas}). */
    public RamClientSettings withRamQuotas() {
        return new RamClientSettings(qps, true, maxAttempts, baseDelay, maxDelay, connectTimeout, readTimeout, signature);
    }

    public RamClientSettings withRetries(int newMaxAttempts, Duration newBaseDelay, Duration newMaxDelay) {
        return new RamClientSettings(qps, ramQuotas, newMaxAttempts, newBaseDelay, newMaxDelay, connectTimeout, readTimeout,
                signature);
    }

    public RamClientSettings withTimeouts(Duration newConnectTimeout, Duration newReadTimeout) {
        return new RamClientSettings(qps, ramQuotas, maxAttempts, baseDelay, maxDelay, newConnectTimeout, newReadTimeout,
                signature);
    }

    public RamClientSettings withSignature(Signature newSignature) {
        return new RamClientSettings(qps, ramQuotas, maxAttempts, baseDelay, maxDelay, connectTimeout, readTimeout, newSignature);
    }
}
