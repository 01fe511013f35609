package io.ramgrants.bench;

import java.time.Duration;

/**
 * What one benchmark run measures.
 *
 * @param rate              one uniform per-account budget in calls per second; 0 = RAM's per-API quotas
 * @param customRatio       share of grants that are DMS registration roles with a custom policy
 * @param workersPerAccount concurrent reconciles per account
 * @param resyncInterval    how far the batch observer's clock moves between measured resyncs
 * @param sweepInterval     the batch observer's full-sweep period
 */
public record BenchOptions(int grants, int accounts, double rate, double customRatio, int workersPerAccount,
                           Duration resyncInterval, Duration sweepInterval, boolean withKube) {
    public BenchOptions {
        if (grants < 1 || accounts < 1) {
            throw new IllegalArgumentException("need at least one grant and one account");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must be >= 0");
        }
    }
}
