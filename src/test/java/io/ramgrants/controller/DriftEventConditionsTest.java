package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.ramgrants.api.DriftEventsStatus;
import org.junit.jupiter.api.Test;

class DriftEventConditionsTest {
    private static DriftEventsStatus feed(String state, String reason, String message) {
        DriftEventsStatus s = new DriftEventsStatus();
        s.state = state;
        s.reason = reason;
        s.message = message;
        return s;
    }

    @Test
    void activeIsTrueReadingAndUnavailableIsFalseWithWhatToGrant() {
        Condition reading = DriftEventConditions.of(feed("Active", "Reading", "reading RAM write events"), 3L).orElseThrow();
        assertThat(reading.getType()).isEqualTo("DriftEvents");
        assertThat(reading.getStatus()).isEqualTo("True");
        assertThat(reading.getReason()).isEqualTo("Reading");
        assertThat(reading.getObservedGeneration()).isEqualTo(3L);

        Condition denied = DriftEventConditions.of(feed("Unavailable", "ActionTrailAccessDenied",
                "the account's credentials may not call actiontrail:LookupEvents (NoPermission): grant it"), 3L).orElseThrow();
        assertThat(denied.getStatus()).isEqualTo("False");
        assertThat(denied.getReason()).isEqualTo("ActionTrailAccessDenied");
        assertThat(denied.getMessage()).contains("actiontrail:LookupEvents");
        assertThat(DriftEventConditions.of(feed("Unavailable", "ActionTrailQueryRefused", "m"), 1L).orElseThrow()
                .getReason()).isEqualTo("ActionTrailQueryRefused");
    }

    @Test
    void whatStatusHoldsIsReadAsUntrusted() {
        assertThat(DriftEventConditions.of(null, 1L)).isEmpty();
        assertThat(DriftEventConditions.of(feed(null, null, null), 1L)).isEmpty();
        assertThat(DriftEventConditions.of(feed("Off", null, "disabled"), 1L)).as("no feed, no condition").isEmpty();
        assertThat(DriftEventConditions.of(feed("Unavailable", null, null), 1L).orElseThrow())
                .as("saved by a version without reasons").satisfies(c -> {
                    assertThat(c.getReason()).isEqualTo("ActionTrailUnavailable");
                    assertThat(c.getMessage()).contains("polling only");
                });
        assertThat(DriftEventConditions.of(feed("Unavailable", "Not a reason!", "m"), 1L).orElseThrow().getReason())
                .isEqualTo("ActionTrailUnavailable");
        assertThat(DriftEventConditions.of(feed("Active", "ActionTrailAccessDenied", "m"), 1L).orElseThrow().getReason())
                .as("True is always Reading").isEqualTo("Reading");
        assertThat(DriftEventConditions.of(feed("Active", "Reading", "x".repeat(5000)), 1L).orElseThrow().getMessage())
                .hasSize(1024);
    }
}
