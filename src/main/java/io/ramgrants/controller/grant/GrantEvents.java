package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.grant.EventRecorder.Type;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.PlannedAction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Events of a pass: one Normal event per RAM write (its reason from
 * {@link PlannedAction#eventReason()}, its message the action's line with what it changed), and one
 * Warning per new conflict, failure, invalid spec or drift seen in Observe mode. A Warning that
 * persists is announced once, when the condition first says so, not on every retry or resync.
 */
final class GrantEvents {
    static final String MANAGEMENT_CONFLICT = GrantReasons.MANAGEMENT_CONFLICT;
    static final String APPLY_FAILED = "ApplyFailed";
    static final String RETAINED_NO_LONGER_DECLARED = "RetainedNoLongerDeclared";
    /** Ready reasons announced by a Warning under the same reason. */
    private static final Set<String> WARNED = Set.of(GrantReasons.MANAGEMENT_CONFLICT, GrantReasons.INVALID_SPEC,
            GrantReasons.DRIFT_DETECTED, GrantReasons.RAM_ACCESS_DENIED);
    /** At most this many planned writes are listed in a DriftDetected event. */
    static final int LISTED_ACTIONS = 10;

    private final EventRecorder recorder;

    GrantEvents(EventRecorder recorder) {
        this.recorder = recorder;
    }

    void record(HasMetadata grant, GrantStatus previous, PassOutcome outcome) {
        outcome.result().ifPresent(result -> result.applied()
                .forEach(action -> recorder.record(grant, Type.Normal, action.eventReason(), action.detailedLine())));
        outcome.result().ifPresent(result -> result.removals().retained().stream()
                .filter(line -> !retainedBefore(previous, line))
                .forEach(line -> recorder.record(grant, Type.Warning, RETAINED_NO_LONGER_DECLARED,
                        line + " is no longer declared; left in RAM by deletionPolicy Retain")));
        Verdict verdict = outcome.verdict();
        if (isNews(previous, verdict)) {
            if (WARNED.contains(verdict.reason())) {
                recorder.record(grant, Type.Warning, verdict.reason(), warning(verdict, outcome.result()));
            } else if (failed(outcome.result())) {
                recorder.record(grant, Type.Warning, APPLY_FAILED, failureMessage(outcome.result().get()));
            }
        }
    }

    /** Announced once: the previous status already noted this retained entity. */
    private static boolean retainedBefore(GrantStatus previous, String line) {
        return previous != null && previous.notes != null
                && previous.notes.stream().anyMatch(n -> n.startsWith("deletion policy Retain: " + line + " "));
    }

    /** The condition says something the resource did not say before. */
    private static boolean isNews(GrantStatus previous, Verdict verdict) {
        Optional<Condition> ready = Conditions.find(previous == null ? null : previous.conditions, Conditions.READY);
        return ready.isEmpty() || !Objects.equals(ready.get().getReason(), verdict.reason())
                || !Objects.equals(ready.get().getMessage(), verdict.message());
    }

    private static String warning(Verdict verdict, Optional<EngineResult> result) {
        if (failed(result)) {
            return failureMessage(result.get());
        }
        if (GrantReasons.DRIFT_DETECTED.equals(verdict.reason()) && result.isPresent()) {
            List<PlannedAction> actions = result.get().plan().actions();
            String listed = actions.stream().limit(LISTED_ACTIONS).map(PlannedAction::detailedLine)
                    .collect(Collectors.joining("; "));
            return verdict.message() + ": " + listed
                    + (actions.size() > LISTED_ACTIONS ? "; and " + (actions.size() - LISTED_ACTIONS) + " more" : "");
        }
        return verdict.message();
    }

    private static boolean failed(Optional<EngineResult> result) {
        return result.flatMap(EngineResult::failure).isPresent();
    }

    /** Events may carry the request ID (conditions may not): it is what RAM support asks for. */
    private static String failureMessage(EngineResult result) {
        var failure = result.failure().orElseThrow();
        String requestId = failure.error().requestId();
        return failure.summary() + (requestId == null ? "" : " (RequestId " + requestId + ")");
    }
}
