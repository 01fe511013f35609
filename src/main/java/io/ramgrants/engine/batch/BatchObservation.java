package io.ramgrants.engine.batch;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.engine.ObservedRole;
import io.ramgrants.engine.RoleObservationSource;
import io.ramgrants.ram.RamGateway;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batch observation for accounts holding many of our roles: per account, a few listing calls
 * per snapshot instead of two or three calls per role and resync (docs/scale.md). It produces
 * the same {@link ObservedRole} values as the per-role observer, so planning is unchanged.
 *
 * <p>The engine's own writes must invalidate what they touch, so give the engine the gateways
 * of {@link #tracking(GatewayResolver)}:
 * <pre>{@code
 * BatchObservation batch = new BatchObservation(BatchSettings.defaults(), Clock.systemUTC());
 * GrantEngine engine = new GrantEngine(batch.tracking(gateways), batch);
 * }</pre>
 */
public final class BatchObservation implements RoleObservationSource {
    private final BatchSettings settings;
    private final Clock clock;
    private final Map<String, AccountObservationCache> accounts = new ConcurrentHashMap<>();

    public BatchObservation(BatchSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ObservedRole observe(DesiredRole desired, RamGateway ram) {
        return cacheOf(ram.accountId()).observe(desired, ram);
    }

    /** {@code gateways} whose writes invalidate the cached observations they touch. */
    public GatewayResolver tracking(GatewayResolver gateways) {
        Map<String, RamGateway> tracked = new ConcurrentHashMap<>();
        return accountId -> tracked.computeIfAbsent(accountId,
                id -> new WriteTrackingGateway(gateways.gatewayFor(id), cacheOf(id)));
    }

    /** Someone else wrote to these roles and policies: their next observation reads them per role. */
    void invalidate(String accountId, java.util.Collection<String> roles, java.util.Collection<String> policies) {
        AccountObservationCache cache = accounts.get(accountId);
        if (cache != null) {
            roles.forEach(cache::roleWritten);
            policies.forEach(cache::policyWritten);
        }
    }

    /** Roles whose last observation is currently kept, over all accounts. */
    public int cachedRoles() {
        return accounts.values().stream().mapToInt(AccountObservationCache::cachedRoles).sum();
    }

    private AccountObservationCache cacheOf(String accountId) {
        return accounts.computeIfAbsent(accountId, id -> new AccountObservationCache(id, settings, clock));
    }
}
