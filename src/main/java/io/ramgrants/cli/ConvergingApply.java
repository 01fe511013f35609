package io.ramgrants.cli;

import io.ramgrants.engine.EngineFailure;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.Inventory;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.manifest.EvaluatedResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * {@code apply} as passes until RAM matches: every grant not yet converged is re-observed and
 * planned again from what RAM now holds, until each has converged, met a terminal failure, or the
 * deadline passed. A write answered with a 5xx or a timeout is not repeated blindly: the gateway
 * surfaces it, and the next pass's observation shows whether RAM committed it (our marker on the
 * role, AlreadyExists taken as done). Refusals RAM gives while catching up with our own earlier
 * write (see {@link EngineFailure#mayBeCatchingUp()}) are retried for {@link #CATCH_UP_BOUND} at most.
 */
final class ConvergingApply {
    /** How long a refusal that looks like RAM catching up is given before it counts as final. */
    static final Duration CATCH_UP_BOUND = Duration.ofMinutes(2);
    static final Duration FIRST_DELAY = Duration.ofMillis(200);
    static final Duration MAX_DELAY = Duration.ofSeconds(3);

    /** Waits between passes; tests may shorten it. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final GrantEngine engine;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** Every pass of every grant, in order: what {@code apply} prints. */
    private final Map<EvaluatedResource, List<EngineResult>> passes = new LinkedHashMap<>();
    /** For the read-only checks the operator runs too (null: none). */
    private final GatewayResolver gateways;

    ConvergingApply(GrantEngine engine, GatewayResolver gateways, Duration timeout, LongSupplier nanoTime,
                    Sleeper sleeper) {
        this.engine = engine;
        this.gateways = gateways;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    Map<EvaluatedResource, List<EngineResult>> passes() {
        return passes;
    }

    /** Runs passes over every valid grant; the runs hold each grant's last pass. */
    List<GrantRun> runAll(List<EvaluatedResource> evaluated) {
        long start = nanoTime.getAsLong();
        Map<EvaluatedResource, Long> catchingUpSince = new LinkedHashMap<>();
        List<EvaluatedResource> pending = new ArrayList<>();
        for (EvaluatedResource resource : evaluated) {
            if (resource.desired().isPresent()) {
                pending.add(resource);
                passes.put(resource, new ArrayList<>());
            }
        }
        for (int round = 0; !pending.isEmpty(); round++) {
            List<EvaluatedResource> again = new ArrayList<>();
            for (EvaluatedResource resource : pending) {
                EngineResult result = pass(resource);
                if (worthAnotherPass(result, resource, catchingUpSince)) {
                    again.add(resource);
                }
            }
            pending = again;
            Duration delay = delay(round);
            if (pending.isEmpty() || elapsed(start).plus(delay).compareTo(timeout) > 0) {
                break;
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<GrantRun> runs = new ArrayList<>();
        passes.forEach((resource, results) -> runs.add(new GrantRun(resource, results.get(results.size() - 1),
                GrantRun.warnings(resource, gateways), false)));
        return runs;
    }

    private EngineResult pass(EvaluatedResource resource) {
        EngineOptions options = GrantRun.optionsOf(resource);
        // The CLI has no status: each pass looks in the grant's accounts for roles it owns but no longer declares.
        EngineResult result = engine.reconcile(resource.desired().get(), Inventory.empty(), true, options);
        passes.get(resource).add(result);
        return result;
    }

    private boolean worthAnotherPass(EngineResult result, EvaluatedResource resource, Map<EvaluatedResource, Long> since) {
        if (result.converged() || result.hasConflicts()) {
            return false;
        }
        if (result.staleObservation()) {
            return true;
        }
        if (result.failure().isEmpty()) {
            // Not settled without a failure (e.g. a step left for later): observe again.
            return result.driftFound() && !result.applied().isEmpty();
        }
        EngineFailure failure = result.failure().get();
        if (failure.transientFailure()) {
            since.remove(resource);
            return true;
        }
        if (failure.mayBeCatchingUp()) {
            long first = since.computeIfAbsent(resource, r -> nanoTime.getAsLong());
            return Duration.ofNanos(nanoTime.getAsLong() - first).compareTo(CATCH_UP_BOUND) < 0;
        }
        return false;
    }

    private Duration elapsed(long start) {
        return Duration.ofNanos(nanoTime.getAsLong() - start);
    }

    /** 200 ms doubling to 3 s, with ±25 % jitter so several CI jobs do not march in step. */
    static Duration delay(int round) {
        long base = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << Math.min(round, 10));
        long jitter = (long) (base * 0.25 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(base + jitter);
    }
}
