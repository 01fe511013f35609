package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.engine.batch.SharedObservation;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the three grant controllers share: the accounts, one claim index across kinds, where
 * events go, metrics, the clock, the resync timing, one observation (batch caches) and one
 * set of per-account reconcile slots across kinds.
 *
 * @param resyncPeriod how often RAM is re-observed when nothing else happens
 * @param firstRetry   the first backoff delay after a transient RAM failure
 * @param observation  where each pass's engine comes from: per-role or batch observation
 * @param slots        how many passes may use one account at a time
 */
public record GrantDependencies(KubernetesClient client, AccountRegistry registry, RoleClaimIndex claims,
                                EventRecorder events, OperatorMetrics metrics, Clock clock,
                                Duration resyncPeriod, Duration firstRetry, SharedObservation observation,
                                AccountSlots slots) {
    /** Per-role observation and no per-account limit. */
    public GrantDependencies(KubernetesClient client, AccountRegistry registry, RoleClaimIndex claims,
                             EventRecorder events, OperatorMetrics metrics, Clock clock,
                             Duration resyncPeriod, Duration firstRetry) {
        this(client, registry, claims, events, metrics, clock, resyncPeriod, firstRetry,
                new SharedObservation(ObservationSettings.perRole(), resyncPeriod, clock), AccountSlots.unlimited());
    }

    public GrantDependencies {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(resyncPeriod, "resyncPeriod");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(slots, "slots");
    }
}
