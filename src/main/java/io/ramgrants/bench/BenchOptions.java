package io.ramgrants.bench;

import io.ramgrants.runtime.OperatorSettings;
import java.time.Duration;

/**
 * What one benchmark run measures.
 *
 * @param rate              one uniform per-account budget in calls per second; 0 = RAM's per-API quotas
 * @param customRatio       share of grants that are DMS registration roles with a custom policy
 * @param workersPerAccount concurrent reconciles per account
 * @param resyncInterval    how far the batch observer's clock moves between measured resyncs
 * @param sweepInterval     the batch observer's full-sweep period
 * @param slowAccountLatency with the controllers: every RAM call of the first account waits this long
 *                          first; zero = no slow account
 * @param concurrency       with the controllers: reconcile threads and passes per account
 * @param warmupGrants      grants converged, resynced and deleted in other accounts before the measured
 *                          run ({@link WarmUp}), at most {@code grants}; 0 = a cold JVM
 */
public record BenchOptions(int grants, int accounts, double rate, double customRatio, int workersPerAccount,
                           Duration resyncInterval, Duration sweepInterval, boolean withKube,
                           Duration slowAccountLatency, OperatorSettings.Concurrency concurrency, int warmupGrants) {
    /**
     * {@code bench}'s default warm-up: about 4,500 unmeasured RAM calls (converge, five resyncs,
     * delete), enough for the JIT to compile the per-call paths the way a running operator's are.
     */
    public static final int DEFAULT_WARMUP_GRANTS = 200;

    public BenchOptions(int grants, int accounts, double rate, double customRatio, int workersPerAccount,
                        Duration resyncInterval, Duration sweepInterval, boolean withKube) {
        this(grants, accounts, rate, customRatio, workersPerAccount, resyncInterval, sweepInterval, withKube,
                Duration.ZERO, OperatorSettings.Concurrency.defaults());
    }

    /** Without a warm-up: the measured run starts in a cold JVM. */
    public BenchOptions(int grants, int accounts, double rate, double customRatio, int workersPerAccount,
                        Duration resyncInterval, Duration sweepInterval, boolean withKube,
                        Duration slowAccountLatency, OperatorSettings.Concurrency concurrency) {
        this(grants, accounts, rate, customRatio, workersPerAccount, resyncInterval, sweepInterval, withKube,
                slowAccountLatency, concurrency, 0);
    }

    public BenchOptions {
        if (grants < 1 || accounts < 1) {
            throw new IllegalArgumentException("need at least one grant and one account");
        }
        if (warmupGrants < 0) {
            throw new IllegalArgumentException("warm-up grants must be >= 0");
        }
        warmupGrants = Math.min(warmupGrants, grants);
        if (rate < 0) {
            throw new IllegalArgumentException("rate must be >= 0");
        }
        if (slowAccountLatency.isNegative()) {
            throw new IllegalArgumentException("slow account latency must be >= 0");
        }
        if (!slowAccountLatency.isZero() && (!withKube || accounts < 2)) {
            throw new IllegalArgumentException("a slow account needs --with-kube (the operator's threads are what"
                    + " it could starve) and at least two accounts");
        }
    }
}
