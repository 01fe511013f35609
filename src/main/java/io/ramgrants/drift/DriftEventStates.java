package io.ramgrants.drift;

import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.observability.OperatorMetrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What each account's drift event feed last reported, in memory, for the account reconciler's
 * {@code DriftEvents} condition and the feed gauge; and, as the poller's {@link CursorStore},
 * the hand-over of that state to {@code status.driftEvents}.
 *
 * <p>Two writers share an account's status: the account reconciler applies its conditions by
 * server-side apply, the poller merges {@code status.driftEvents}. Neither writes the other's
 * fields. The condition still follows the feed within one poll: {@link #save} first stores the
 * status, then, when the state or its reason changed, tells the listeners (the account
 * reconciler's event source), whose pass reads the state from here rather than from its
 * informer cache, which may not hold the poller's write yet.
 */
public final class DriftEventStates implements CursorStore {
    private final boolean enabled;
    private final CursorStore store;
    private final OperatorMetrics metrics;
    private final Function<String, Optional<String>> accountIds;
    private final Map<String, DriftEventsStatus> states = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private DriftEventStates(boolean enabled, CursorStore store, OperatorMetrics metrics,
                             Function<String, Optional<String>> accountIds) {
        this.enabled = enabled;
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.accountIds = Objects.requireNonNull(accountIds, "accountIds");
    }

    /**
     * @param store      where the state survives restarts ({@link AccountStatusCursorStore})
     * @param accountIds the account UID of an AlibabaCloudAccount name, for the gauge's label
     */
    public static DriftEventStates reading(CursorStore store, OperatorMetrics metrics,
                                           Function<String, Optional<String>> accountIds) {
        return new DriftEventStates(true, store, metrics, accountIds);
    }

    /** {@code --drift-events=off}: no feed, so no state and no condition (and nothing written to status). */
    public static DriftEventStates off() {
        return off(CursorStore.NONE);
    }

    /**
     * {@code --drift-events=off}: no feed and no condition; an account whose status still shows the
     * state of an earlier run's feed is marked {@value DriftEventsStatus#OFF} in {@code store} (see {@link #showOff}).
     */
    public static DriftEventStates off(CursorStore store) {
        return new DriftEventStates(false, store, OperatorMetrics.discarding(), name -> Optional.empty());
    }

    /**
     * With drift events off: marks {@code shown} (the account's {@code status.driftEvents}, from an
     * earlier run with events on) {@value DriftEventsStatus#OFF}, keeping its cursor for when they are turned on
     * again, so the status does not claim events are read. Once: a status already Off is left.
     */
    public void showOff(String accountName, DriftEventsStatus shown) {
        if (enabled || shown == null || DriftEventsStatus.OFF.equals(shown.state)) {
            return;
        }
        DriftEventsStatus off = new DriftEventsStatus();
        off.state = DriftEventsStatus.OFF;
        off.reason = DriftEventsStatus.TURNED_OFF;
        off.message = "drift events are turned off (run --drift-events=off): drift is found by polling only "
                + "(resync, full sweep); the cursor is kept for when they are turned on again";
        off.cursor = shown.cursor;
        store.save(accountName, off);
    }

    /** Whether drift events are read at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The state the feed of {@code accountName} reported since this process started, if any. */
    public Optional<DriftEventsStatus> current(String accountName) {
        return Optional.ofNullable(states.get(accountName));
    }

    /** Hears the name of an account whose feed changed state (or reason). */
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The account is gone or not ready: it has no feed until it is ready again. */
    public void forget(String accountName) {
        states.remove(accountName);
        metrics.recordDriftEventFeed(accountName, null, null);
    }

    @Override
    public Optional<DriftEventsStatus> load(String accountName) {
        return store.load(accountName);
    }

    @Override
    public void save(String accountName, DriftEventsStatus state) {
        store.save(accountName, state);
        DriftEventsStatus previous = states.put(accountName, copy(state));
        metrics.recordDriftEventFeed(accountName, accountIds.apply(accountName).orElse(null), state.state);
        if (previous == null || !Objects.equals(previous.state, state.state)
                || !Objects.equals(previous.reason, state.reason)) {
            listeners.forEach(l -> l.accept(accountName));
        }
    }

    private static DriftEventsStatus copy(DriftEventsStatus s) {
        DriftEventsStatus c = new DriftEventsStatus();
        c.state = s.state;
        c.reason = s.reason;
        c.message = s.message;
        c.cursor = s.cursor;
        return c;
    }
}
