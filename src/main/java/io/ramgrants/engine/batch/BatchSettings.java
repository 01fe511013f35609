package io.ramgrants.engine.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * How batch observation trades RAM calls for freshness.
 *
 * @param maxSnapshotAge how old an account's listing (ListRoles, ListEntitiesForPolicy,
 *                       ListPolicies) may be before the next observation reads a new one; drift
 *                       that changes a listing is seen within this time plus one reconcile
 * @param sweepInterval  every role is re-read per role (GetRole, ListPoliciesForRole, GetPolicy)
 *                       at least this often, spread evenly over the interval: the only way to see
 *                       an extra policy attached out of band, which changes no listing we read
 * @param settleTime     RAM's dates have whole seconds, so a role read less than this after its
 *                       UpdateDate could change again within the same second unseen; such a role is
 *                       read per role once more before its cache entry is trusted
 */
public record BatchSettings(Duration maxSnapshotAge, Duration sweepInterval, Duration settleTime) {
    public BatchSettings {
        Objects.requireNonNull(maxSnapshotAge, "maxSnapshotAge");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(settleTime, "settleTime");
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive");
        }
    }

    /** A listing at most one minute old, a full sweep every 6 hours, 2 s to settle. */
    public static BatchSettings defaults() {
        return new BatchSettings(Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofSeconds(2));
    }

    public BatchSettings withSweepInterval(Duration newSweepInterval) {
        return new BatchSettings(maxSnapshotAge, newSweepInterval, settleTime);
    }

    public BatchSettings withMaxSnapshotAge(Duration newMaxSnapshotAge) {
        return new BatchSettings(newMaxSnapshotAge, sweepInterval, settleTime);
    }
}
