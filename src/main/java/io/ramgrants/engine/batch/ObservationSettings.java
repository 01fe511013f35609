package io.ramgrants.engine.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * Which observation the operator uses and how batch observation is tuned.
 *
 * @param mode            per role, batch, or batch from {@code autoThreshold} roles per account
 * @param autoThreshold   in {@link ObservationMode#AUTO}, how many of our roles an account must
 *                        hold before it is observed in batch; below it the listings would cost about
 *                        as much as the per-role reads they replace
 * @param fullSweepPeriod every role is read per role at least this often on the batch path: the
 *                        only way to see an extra policy attached out of band without events
 * @param driftEvents     whether RAM write events from ActionTrail re-observe the roles they name
 */
public record ObservationSettings(ObservationMode mode, int autoThreshold, Duration fullSweepPeriod,
                                  DriftEventSettings driftEvents) {
    public static final int DEFAULT_AUTO_THRESHOLD = 50;
    public static final Duration DEFAULT_FULL_SWEEP = Duration.ofHours(6);

    public ObservationSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(fullSweepPeriod, "fullSweepPeriod");
        Objects.requireNonNull(driftEvents, "driftEvents");
        if (autoThreshold < 1) {
            throw new IllegalArgumentException("auto threshold must be at least 1: " + autoThreshold);
        }
        if (fullSweepPeriod.isNegative() || fullSweepPeriod.isZero()) {
            throw new IllegalArgumentException("full-sweep period must be positive: " + fullSweepPeriod);
        }
    }

    /** Without drift events (the default until an account proves it may read them is the operator's choice). */
    public ObservationSettings(ObservationMode mode, int autoThreshold, Duration fullSweepPeriod) {
        this(mode, autoThreshold, fullSweepPeriod, DriftEventSettings.off());
    }

    /** Auto from 50 roles per account, a full sweep every 6 hours, no drift events. */
    public static ObservationSettings defaults() {
        return new ObservationSettings(ObservationMode.AUTO, DEFAULT_AUTO_THRESHOLD, DEFAULT_FULL_SWEEP);
    }

    public static ObservationSettings perRole() {
        return defaults().withMode(ObservationMode.PER_ROLE);
    }

    public ObservationSettings withMode(ObservationMode newMode) {
        return new ObservationSettings(newMode, autoThreshold, fullSweepPeriod, driftEvents);
    }

    public ObservationSettings withAutoThreshold(int threshold) {
        return new ObservationSettings(mode, threshold, fullSweepPeriod, driftEvents);
    }

    public ObservationSettings withFullSweepPeriod(Duration period) {
        return new ObservationSettings(mode, autoThreshold, period, driftEvents);
    }

    public ObservationSettings withDriftEvents(DriftEventSettings events) {
        return new ObservationSettings(mode, autoThreshold, fullSweepPeriod, events);
    }

    /**
     * Batch settings for grants resynced every {@code resyncPeriod}: a listing is reused for at
     * most half a resync (and never more than a minute), so drift that changes a listing is seen
     * within about one and a half resyncs, as on the per-role path within one.
     */
    BatchSettings batchSettings(Duration resyncPeriod) {
        BatchSettings defaults = BatchSettings.defaults();
        Duration halfResync = resyncPeriod.dividedBy(2);
        Duration snapshotAge = halfResync.compareTo(defaults.maxSnapshotAge()) < 0 ? halfResync
                : defaults.maxSnapshotAge();
        return defaults.withSweepInterval(fullSweepPeriod).withMaxSnapshotAge(snapshotAge);
    }
}
