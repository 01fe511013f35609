package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.Condition;
import io.ramgrants.controller.Conditions;
import java.util.List;
import java.util.Objects;

/**
 * What one pass concluded about a grant, before it becomes conditions: how the resource
 * stands, a constant reason, an actionable message (no request IDs, no timestamps, no
 * secrets), and whether the pass should be repeated with backoff.
 */
public record Verdict(Standing standing, String reason, String message, boolean retry) {

    /** How a grant stands, in kstatus terms. */
    public enum Standing {
        /** Ready=True. */
        READY,
        /** Ready=False without Reconciling or Stalled: intentionally idle (paused with pending changes). */
        NOT_READY,
        /** Ready=False, Reconciling=True: expected to converge by itself. */
        RECONCILING,
        /** Ready=False, Stalled=True: a person must act. */
        STALLED
    }

    public Verdict {
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static Verdict ready(String reason, String message) {
        return new Verdict(Standing.READY, reason, message, false);
    }

    public static Verdict notReady(String reason, String message) {
        return new Verdict(Standing.NOT_READY, reason, message, false);
    }

    /** Waiting for something that announces itself (an account, a spec change): no backoff needed. */
    public static Verdict waiting(String reason, String message) {
        return new Verdict(Standing.RECONCILING, reason, message, false);
    }

    /** A transient failure: repeat the pass with backoff. */
    public static Verdict retrying(String reason, String message) {
        return new Verdict(Standing.RECONCILING, reason, message, true);
    }

    public static Verdict stalled(String reason, String message) {
        return new Verdict(Standing.STALLED, reason, message, false);
    }

    public boolean isReady() {
        return standing == Standing.READY;
    }

    /** The kstatus conditions for this verdict, without transition times. */
    public List<Condition> conditions(Long observedGeneration) {
        return switch (standing) {
            case READY -> Conditions.readiness(Conditions.Progress.READY, reason, message, observedGeneration);
            case RECONCILING -> Conditions.readiness(Conditions.Progress.IN_PROGRESS, reason, message,
                    observedGeneration);
            case STALLED -> Conditions.readiness(Conditions.Progress.STALLED, reason, message, observedGeneration);
            case NOT_READY -> List.of(Conditions.condition(Conditions.READY, false, reason, message,
                    observedGeneration));
        };
    }
}
