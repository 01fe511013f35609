package io.ramgrants.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.api.DriftEventsStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's own meters (README, "Metrics"). One place names them so dashboards and alerts
 * have a single contract; callers pass low-cardinality tags only (never a role name).
 */
public final class OperatorMetrics {
    /** Histogram buckets of a reconcile pass: from a pass that reads two roles to one stuck behind a slow account. */
    static final Duration[] RECONCILE_BUCKETS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    /** Histogram buckets of one RAM or STS call (retries and rate-limit waits included). */
    static final Duration[] RAM_CALL_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    private final MeterRegistry registry;
    /** The last Ready verdict of every grant this operator reconciles, for {@code ramgrants_resources}. */
    private final Map<String, ResourceState> resources = new ConcurrentHashMap<>();
    private final Set<ResourceState> registeredStates = ConcurrentHashMap.newKeySet();

    /** The labels of {@code ramgrants_resources}: kind, whether Ready is True, and its reason. */
    public record ResourceState(String kind, boolean ready, String reason) {}

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
                .serviceLevelObjectives(RECONCILE_BUCKETS)
                .register(registry)
                .record(duration);
    }

    public void recordRamCall(String action, String accountId, String result, Duration duration) {
        Timer.builder("ramgrants.ram.calls")
                .description("RAM and STS calls by action, account and result")
                .tag("action", action)
                .tag("account", accountId)
                .tag("result", result)
                .serviceLevelObjectives(RAM_CALL_BUCKETS)
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

    /**
     * A field of an existing role found different from the desired state: corrected in Manage mode,
     * only reported in Observe mode (then counted on every pass that still finds it).
     */
    public void recordDriftDetected(String kind, String field, String mode) {
        Counter.builder("ramgrants.drift.detected")
                .description("Drift found in RAM on an existing role, by grant kind, drifted field and management mode")
                .tag("kind", kind)
                .tag("field", field)
                .tag("mode", mode)
                .register(registry)
                .increment();
    }

    /** Grant {@code key} (kind, namespace, name or UID) now stands at {@code state}. */
    public void recordResourceState(String key, ResourceState state) {
        if (registeredStates.add(state)) {
            Gauge.builder("ramgrants.resources", resources, all -> all.values().stream().filter(state::equals).count())
                    .description("Grants by kind and Ready condition (status and reason) after their last pass")
                    .tag("kind", state.kind())
                    .tag("ready", String.valueOf(state.ready()))
                    .tag("reason", state.reason())
                    .register(registry);
        }
        resources.put(key, state);
    }

    /** Grant {@code key} is gone (deleted, or no longer reconciled here). */
    public void forgetResource(String key) {
        resources.remove(key);
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }

    /**
     * One {@code LookupEvents} call of the drift event feed of account {@code accountId} (the UID,
     * as in {@code ramgrants_ram_calls}); {@code outcome} is ok, throttled, denied or error.
     */
    public void recordDriftEventLookup(String accountId, String outcome) {
        Counter.builder("ramgrants.drift.event.lookups")
                .description("ActionTrail LookupEvents calls of the drift event feeds, by account and outcome")
                .tag("account", accountId)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A RAM write the operator did not make, read from the account's ActionTrail events. */
    public void recordOutOfBandWrite(String accountId) {
        Counter.builder("ramgrants.drift.event.out.of.band.writes")
                .description("RAM writes made outside the operator, seen in ActionTrail events, by account")
                .tag("account", accountId)
                .register(registry)
                .increment();
    }

    /**
     * The feed of AlibabaCloudAccount {@code accountName} (account UID {@code accountId}) is in
     * {@code state} (Active, Unavailable), or gone when {@code state} is null. The gauge
     * {@code ramgrants_drift_event_feeds{account, state}} counts the accounts of that UID in that
     * state: 1 or 0 unless two AlibabaCloudAccounts name one UID.
     */
    public void recordDriftEventFeed(String accountName, String accountId, String state) {
        if (state == null || accountId == null) {
            feeds.remove(accountName);
            return;
        }
        FeedState feed = new FeedState(accountId, state);
        for (String each : FEED_STATES) {
            FeedState labels = new FeedState(accountId, each);
            if (registeredFeeds.add(labels)) {
                Gauge.builder("ramgrants.drift.event.feeds", feeds, all -> all.values().stream().filter(labels::equals).count())
                        .description("Drift event feeds (one per ready AlibabaCloudAccount) by account and state")
                        .tag("account", accountId)
                        .tag("state", each)
                        .register(registry);
            }
        }
        feeds.put(accountName, feed);
    }

    private record FeedState(String accountId, String state) {}

    private static final List<String> FEED_STATES = List.of(DriftEventsStatus.ACTIVE, DriftEventsStatus.UNAVAILABLE);
    private final Map<String, FeedState> feeds = new ConcurrentHashMap<>();
    private final Set<FeedState> registeredFeeds = ConcurrentHashMap.newKeySet();

    public void recordRateLimiterWait(String accountId, Duration wait) {
        Timer.builder("ramgrants.ratelimiter.wait")
                .description("Time RAM calls waited for the per-account rate limiter")
                .tag("account", accountId)
                .register(registry)
                .record(wait);
    }
}
