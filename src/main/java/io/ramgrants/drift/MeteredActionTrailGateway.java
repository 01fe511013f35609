package io.ramgrants.drift;

import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.ActionTrailGateway;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import java.time.Instant;
import java.util.Objects;

/**
 * Counts every {@code LookupEvents} call of one account by outcome
 * ({@code ramgrants_drift_event_lookups_total}): ok, throttled, denied (NoPermission and other
 * access refusals), error (a refused query, 5xx, timeouts).
 */
public final class MeteredActionTrailGateway implements ActionTrailGateway {
    private final ActionTrailGateway delegate;
    private final String accountId;
    private final OperatorMetrics metrics;

    public MeteredActionTrailGateway(ActionTrailGateway delegate, String accountId, OperatorMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public EventPage lookupRamWrites(Instant start, Instant end, String nextToken) {
        try {
            EventPage page = delegate.lookupRamWrites(start, end, nextToken);
            metrics.recordDriftEventLookup(accountId, "ok");
            return page;
        } catch (RamException e) {
            metrics.recordDriftEventLookup(accountId, outcome(e.kind()));
            throw e;
        } catch (RuntimeException e) {
            metrics.recordDriftEventLookup(accountId, "error");
            throw e;
        }
    }

    static String outcome(RamErrorKind kind) {
        return switch (kind) {
            case THROTTLED -> "throttled";
            case ACCESS_DENIED -> "denied";
            default -> "error";
        };
    }
}
