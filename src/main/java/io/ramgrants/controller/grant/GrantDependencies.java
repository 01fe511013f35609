package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the three grant controllers share: the accounts, one claim index across kinds, where
 * events go, metrics, the clock and the resync timing.
 *
 * @param resyncPeriod how often RAM is re-observed when nothing else happens
 * @param firstRetry   the first backoff delay after a transient RAM failure
 */
public record GrantDependencies(KubernetesClient client, AccountRegistry registry, RoleClaimIndex claims,
                                EventRecorder events, OperatorMetrics metrics, Clock clock,
                                Duration resyncPeriod, Duration firstRetry) {
    public GrantDependencies {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(resyncPeriod, "resyncPeriod");
        Objects.requireNonNull(firstRetry, "firstRetry");
    }
}
