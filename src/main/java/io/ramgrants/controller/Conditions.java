package io.ramgrants.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * kstatus conditions for every resource the operator reconciles. Status is rebuilt each
 * pass: describe the conditions that hold now with {@link #readiness}, then {@link #merge}
 * them with what the resource carries, which keeps {@code lastTransitionTime} of every
 * condition whose status did not flip. An unchanged observation then yields an identical
 * list, and the controller can skip the status write.
 *
 * <p>{@code Reconciling} and {@code Stalled} follow kstatus' "abnormal-true" pattern: they
 * are present only while True.
 */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    /** The three states kstatus distinguishes. */
    public enum Progress {
        /** Done: Ready=True. */
        READY,
        /** Still working or waiting, expected to converge: Ready=False, Reconciling=True. */
        IN_PROGRESS,
        /** Cannot make progress without a person: Ready=False, Stalled=True. */
        STALLED
    }

    private Conditions() {}

    /**
     * The conditions for one observation, without transition times.
     *
     * @param reason  constant CamelCase
     * @param message actionable; no secrets, request IDs or timestamps
     */
    public static List<Condition> readiness(Progress progress, String reason, String message, Long observedGeneration) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(READY, progress == Progress.READY, reason, message, observedGeneration));
        if (progress == Progress.IN_PROGRESS) {
            conditions.add(condition(RECONCILING, true, reason, message, observedGeneration));
        } else if (progress == Progress.STALLED) {
            conditions.add(condition(STALLED, true, reason, message, observedGeneration));
        }
        return conditions;
    }

    public static Condition condition(String type, boolean status, String reason, String message, Long observedGeneration) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status ? TRUE : FALSE)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(observedGeneration)
                .build();
    }

    /**
     * {@code desired}, in its order, each stamped with the current condition's
     * {@code lastTransitionTime} when the type exists with the same status, else with {@code now}.
     * Types not in {@code desired} are dropped.
     */
    public static List<Condition> merge(List<Condition> current, List<Condition> desired, Instant now) {
        List<Condition> merged = new ArrayList<>(desired.size());
        for (Condition wanted : desired) {
            String since = find(current, wanted.getType())
                    .filter(existing -> Objects.equals(existing.getStatus(), wanted.getStatus()))
                    .map(Condition::getLastTransitionTime)
                    .filter(Objects::nonNull)
                    .orElse(timestamp(now));
            merged.add(new ConditionBuilder(wanted).withLastTransitionTime(since).build());
        }
        return merged;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /** RFC 3339 in whole seconds, as Kubernetes writes {@code metav1.Time}. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
