package io.ramgrants.ram;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs one logical RAM/STS call: each attempt waits for the account's rate limit (when there is
 * one) and is recorded in the metrics; retryable failures are retried with exponential backoff
 * and jitter; terminal ones surface at once. Expired temporary credentials are refreshed once
 * and the call repeated, since a rotation racing the call is normal and not worth a failed
 * reconcile.
 */
final class ResilientCalls {
    private static final double JITTER_FACTOR = 0.25;

    private final String accountId;
    private final AccountRateLimiters rateLimiters;
    private final CredentialProvider credentialProvider;
    private final OperatorMetrics metrics;
    private final FailsafeExecutor<Object> retrying;
    private final FailsafeExecutor<Object> retryingThrottlesOnly;

    /** {@code rateLimiters} and {@code credentialProvider} may be null: no limit, no refresh. */
    ResilientCalls(String accountId, AccountRateLimiters rateLimiters, CredentialProvider credentialProvider,
                   RamClientSettings settings, OperatorMetrics metrics) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.rateLimiters = rateLimiters;
        this.credentialProvider = credentialProvider;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.retrying = Failsafe.with(retryPolicy(settings, RamException::retryable));
        this.retryingThrottlesOnly = Failsafe.with(retryPolicy(settings, e -> e.kind() == RamErrorKind.THROTTLED));
    }

    <T> T run(String action, Supplier<T> call) {
        return run(retrying, action, call);
    }

    /**
     * For a write that is not idempotent (a repeat makes a second copy): only throttling, which
     * RAM answers before doing anything, is retried. A 5xx or timeout may come after RAM committed
     * the write, so it surfaces to the caller, who re-observes before writing again.
     */
    <T> T runNonIdempotent(String action, Supplier<T> call) {
        return run(retryingThrottlesOnly, action, call);
    }

    private <T> T run(FailsafeExecutor<Object> executor, String action, Supplier<T> call) {
        try {
            return executor.get(() -> attempt(action, call));
        } catch (RamException e) {
            if (e.kind() != RamErrorKind.CREDENTIALS_EXPIRED || credentialProvider == null) {
                throw e;
            }
            credentialProvider.invalidate();
            return executor.get(() -> attempt(action, call));
        }
    }

    void run(String action, Runnable call) {
        run(action, () -> {
            call.run();
            return null;
        });
    }

    private <T> T attempt(String action, Supplier<T> call) {
        if (rateLimiters != null) {
            metrics.recordRateLimiterWait(accountId, rateLimiters.acquire(accountId, action));
        }
        long start = System.nanoTime();
        String result = "ok";
        try {
            return call.get();
        } catch (RamException e) {
            result = e.kind().name().toLowerCase(Locale.ROOT);
            throw e;
        } catch (RuntimeException e) {
            result = "error";
            throw e;
        } finally {
            metrics.recordRamCall(action, accountId, result, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static RetryPolicy<Object> retryPolicy(RamClientSettings settings, Predicate<RamException> retryable) {
        RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
                .handleIf(failure -> failure instanceof RamException ram
                        && retryable.test(ram) && ram.kind() != RamErrorKind.CREDENTIALS_EXPIRED)
                .withMaxAttempts(settings.maxAttempts());
        if (settings.maxDelay().compareTo(settings.baseDelay()) > 0) {
            builder.withBackoff(settings.baseDelay(), settings.maxDelay());
        } else {
            builder.withDelay(settings.baseDelay());
        }
        return builder.withJitter(JITTER_FACTOR).build();
    }
}
