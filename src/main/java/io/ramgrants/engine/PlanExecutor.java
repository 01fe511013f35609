package io.ramgrants.engine;

import io.ramgrants.ram.RamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Performs a plan in order and stops at the first failure. Nothing is rolled back: the next
 * pass re-observes and plans again from what RAM now holds, so it continues where this one
 * stopped. Retries of a single call belong to the gateway, not here, with one exception: RAM is
 * eventually consistent, so a refusal that looks like RAM catching up with our own earlier write
 * (DeleteRole right after a detach, AttachPolicyToRole right after CreateRole) is repeated after
 * a short wait, a few times, before it stops the pass. Where RAM gives the same refusal when
 * someone else wrote since the observation (a policy version created out of band in the slot the
 * pass just freed), RAM's state is read first: then the pass stops at once and the next one
 * re-observes, instead of waiting out every catch-up delay for a call that cannot succeed.
 */
public final class PlanExecutor {
    /**
     * Waits before repeating an action RAM refused while it may still be catching up with an
     * earlier write of ours ({@link EngineFailure#mayBeCatchingUp()}): 7.75 s in all, after which
     * the refusal stands and the pass stops on it.
     */
    static final List<Duration> CATCH_UP_DELAYS = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    /** Waits between catch-up attempts; tests may record instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final GatewayResolver gateways;
    private final List<Duration> catchUpDelays;
    private final Sleeper sleeper;
    private final java.util.concurrent.atomic.AtomicLong catchUpRetries = new java.util.concurrent.atomic.AtomicLong();

    public PlanExecutor(GatewayResolver gateways) {
        this(gateways, CATCH_UP_DELAYS, d -> Thread.sleep(d.toMillis()));
    }

    public PlanExecutor(GatewayResolver gateways, List<Duration> catchUpDelays, Sleeper sleeper) {
        this.gateways = gateways;
        this.catchUpDelays = List.copyOf(catchUpDelays);
        this.sleeper = sleeper;
    }

    /** Actions repeated because RAM was catching up, since this executor was made (the extra calls). */
    public long catchUpRetries() {
        return catchUpRetries.get();
    }

    public ExecutionOutcome execute(Plan plan) {
        List<PlannedAction> applied = new ArrayList<>();
        for (RolePlan rolePlan : plan.roles()) {
            for (PlannedAction action : rolePlan.actions()) {
                Answer answer = applyCatchingUp(action, rolePlan.roleName());
                switch (answer.kind()) {
                    case APPLIED, ALREADY_DONE -> applied.add(action);
                    case STALE -> {
                        return new ExecutionOutcome(applied, Optional.empty(), Optional.of(action));
                    }
                    case REFUSED -> {
                        return new ExecutionOutcome(applied,
                                Optional.of(EngineFailure.ofAction(action, rolePlan.roleName(), answer.error())),
                                Optional.empty());
                    }
                }
            }
        }
        return new ExecutionOutcome(applied, Optional.empty(), Optional.empty());
    }

    /** How RAM finally answered an action; {@code error} is null when it was applied. */
    private record Answer(Kind kind, RamException error) {
        enum Kind { APPLIED, ALREADY_DONE, STALE, REFUSED }
    }

    /**
     * Applies {@code action}; repeats it while RAM's refusal looks like it is catching up with our
     * earlier write, unless RAM's state shows the observation is stale instead (waiting cannot help then).
     */
    private Answer applyCatchingUp(PlannedAction action, String roleName) {
        for (int attempt = 0; ; attempt++) {
            try {
                action.applyTo(gateways.gatewayFor(action.accountId()));
                return new Answer(Answer.Kind.APPLIED, null);
            } catch (RamException e) {
                if (action.alreadyDone(e)) {
                    return new Answer(Answer.Kind.ALREADY_DONE, e);
                }
                if (stale(action, e)) {
                    return new Answer(Answer.Kind.STALE, e);
                }
                if (attempt >= catchUpDelays.size() || !EngineFailure.ofAction(action, roleName, e).mayBeCatchingUp()) {
                    return new Answer(Answer.Kind.REFUSED, e);
                }
                try {
                    sleeper.sleep(catchUpDelays.get(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new Answer(Answer.Kind.REFUSED, e);
                }
                catchUpRetries.incrementAndGet();
            }
        }
    }

    /** RAM's state cannot be read now: only what the refusal itself says counts. */
    private boolean stale(PlannedAction action, RamException e) {
        try {
            return action.staleObservation(e, gateways.gatewayFor(action.accountId()));
        } catch (RamException unreadable) {
            return action.staleObservation(e);
        }
    }
}
