package io.ramgrants.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * The operator's own meters (DESIGN §4). One place names them so dashboards and alerts
 * have a single contract; callers pass low-cardinality tags only (never a role name).
 */
public final class OperatorMetrics {
    private final MeterRegistry registry;

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For tools and tests that do not export metrics. */
    public static OperatorMetrics discarding() {
        return new OperatorMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordReconcile(String kind, String result, Duration duration) {
        Timer.builder("ramgrants.reconcile")
                .description("Reconciliations by kind and result")
                .tag("kind", kind)
                .tag("result", result)
                .register(registry)
                .record(duration);
    }

    public void recordRamCall(String action, String accountId, String result, Duration duration) {
        Timer.builder("ramgrants.ram.calls")
                .description("RAM and STS calls by action, account and result")
                .tag("action", action)
                .tag("account", accountId)
                .tag("result", result)
                .register(registry)
                .record(duration);
    }

    public void recordDriftCorrection(String kind, String field) {
        Counter.builder("ramgrants.drift.corrections")
                .description("Drift corrected in RAM, by grant kind and drifted field")
                .tag("kind", kind)
                .tag("field", field)
                .register(registry)
                .increment();
    }

    public void recordRateLimiterWait(String accountId, Duration wait) {
        Timer.builder("ramgrants.ratelimiter.wait")
                .description("Time RAM calls waited for the per-account rate limiter")
                .tag("account", accountId)
                .register(registry)
                .record(wait);
    }
}
