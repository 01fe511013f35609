package io.ramgrants.engine.batch;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.ObservedRole;
import io.ramgrants.engine.RoleObservationSource;
import io.ramgrants.engine.RoleObserver;
import io.ramgrants.ram.RamGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide observation behind every reconcile pass: one batch cache per account,
 * shared by all grant controllers, and the choice between per-role and batch observation per
 * account. Each pass gets its engine from {@link #engine}, whose gateways report the pass's
 * writes to the shared cache. Thread-safe.
 *
 * <p>In {@link ObservationMode#AUTO} an account switches to batch once this process has
 * observed {@code autoThreshold} distinct roles of ours in it, and stays there: roles whose
 * grants were deleted still count, which only means a few listing calls too many.
 */
public final class SharedObservation implements RoleObservationSource {
    private final ObservationSettings settings;
    private final RoleObserver perRole = new RoleObserver();
    private final BatchObservation batch;
    private final Map<String, Set<String>> rolesSeen = new ConcurrentHashMap<>();
    private final OutOfBandWrites outOfBandWrites = new OutOfBandWrites();

    public SharedObservation(ObservationSettings settings, Duration resyncPeriod, Clock clock) {
        this.settings = settings;
        this.batch = new BatchObservation(settings.batchSettings(resyncPeriod), clock);
    }

    /** The engine for one pass; {@code gateways} may differ per pass (the accounts the grant names). */
    public GrantEngine engine(GatewayResolver gateways) {
        if (settings.mode() == ObservationMode.PER_ROLE) {
            return new GrantEngine(gateways);
        }
        return new GrantEngine(batch.tracking(gateways), this);
    }

    @Override
    public ObservedRole observe(DesiredRole desired, RamGateway ram) {
        return batched(desired) ? batch.observe(desired, ram) : perRole.observe(desired, ram);
    }

    /** Whether roles of {@code accountId} are currently observed in batch. */
    public boolean batchedAccount(String accountId) {
        return switch (settings.mode()) {
            case PER_ROLE -> false;
            case BATCH -> true;
            case AUTO -> rolesSeen.getOrDefault(accountId, Set.of()).size() >= settings.autoThreshold();
        };
    }

    /**
     * Someone else wrote to these roles or policies of {@code accountId} (an ActionTrail event):
     * cached observations of them are dropped, and the write is kept to say who caused the drift.
     */
    public void outOfBandWrite(String accountId, Collection<String> roles, Collection<String> policies,
                               OutOfBandWrites.Write write) {
        batch.invalidate(accountId, roles, policies);
        outOfBandWrites.note(accountId, roles, policies, write);
    }

    public OutOfBandWrites outOfBandWrites() {
        return outOfBandWrites;
    }

    public ObservationSettings settings() {
        return settings;
    }

    /** Roles whose last observation is kept by the batch caches, over all accounts. */
    public int cachedRoles() {
        return batch.cachedRoles();
    }

    private boolean batched(DesiredRole desired) {
        if (settings.mode() == ObservationMode.AUTO) {
            rolesSeen.computeIfAbsent(desired.accountId(), id -> ConcurrentHashMap.newKeySet())
                    .add(SnapshotReader.key(desired.roleName()));
        }
        return batchedAccount(desired.accountId());
    }
}
