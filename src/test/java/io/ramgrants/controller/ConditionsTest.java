package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.ramgrants.controller.Conditions.Progress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    static final Instant T1 = Instant.parse("2025-01-01T10:00:00.750Z");
    static final Instant T2 = Instant.parse("2025-01-01T11:00:00Z");

    @Test
    void readyHasOnlyTheReadyCondition() {
        List<Condition> conditions = Conditions.readiness(Progress.READY, "Verified", "ok", 3L);

        assertThat(conditions).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Verified");
            assertThat(c.getObservedGeneration()).isEqualTo(3L);
        });
    }

    @Test
    void inProgressAndStalledAddTheirAbnormalTrueCondition() {
        assertThat(Conditions.readiness(Progress.IN_PROGRESS, "StsUnavailable", "retrying", 1L))
                .extracting(Condition::getType, Condition::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ready", "False"),
                        org.assertj.core.groups.Tuple.tuple("Reconciling", "True"));
        assertThat(Conditions.readiness(Progress.STALLED, "InvalidSpec", "fix it", 1L))
                .extracting(Condition::getType)
                .containsExactly("Ready", "Stalled");
    }

    @Test
    void mergeKeepsTheTransitionTimeWhileTheStatusHolds() {
        List<Condition> first = Conditions.merge(List.of(), Conditions.readiness(Progress.READY, "Verified", "a", 1L), T1);
        List<Condition> second = Conditions.merge(first, Conditions.readiness(Progress.READY, "Verified", "b", 2L), T2);

        assertThat(first.get(0).getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(second.get(0).getMessage()).isEqualTo("b");
    }

    @Test
    void mergeStampsAFlipAndDropsConditionsNoLongerHeld() {
        List<Condition> stalled = Conditions.merge(List.of(), Conditions.readiness(Progress.STALLED, "InvalidSpec", "x", 1L), T1);
        List<Condition> ready = Conditions.merge(stalled, Conditions.readiness(Progress.READY, "Verified", "ok", 2L), T2);

        assertThat(ready).singleElement().satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2025-01-01T11:00:00Z"));
    }

    @Test
    void sameObservationMergesToAnEqualList() {
        List<Condition> first = Conditions.merge(List.of(), Conditions.readiness(Progress.STALLED, "IdentityMismatch", "m", 1L), T1);
        List<Condition> again = Conditions.merge(first, Conditions.readiness(Progress.STALLED, "IdentityMismatch", "m", 1L), T2);

        assertThat(again).isEqualTo(first);
        assertThat(Conditions.isTrue(again, "Stalled")).isTrue();
        assertThat(Conditions.isTrue(again, "Ready")).isFalse();
        assertThat(Conditions.isTrue(null, "Ready")).isFalse();
    }
}
