package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.Plan;
import io.ramgrants.engine.PlannedAction;
import io.ramgrants.engine.RolePlan;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.RoleState;
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.engine.batch.OutOfBandWrites;
import io.ramgrants.engine.batch.SharedObservation;
import io.ramgrants.ram.PolicyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who caused a correction, matched by account, role and time order: when the event arrives after
 * the correction (once), never for a write made after it, and never twice, also not across a
 * restart (a fresh {@link DriftCauses} with the grant's recorded last correction).
 */
class DriftCausesTest {
    private static final String ACCOUNT = "1111111111111111";
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final PlannedAction DETACH = new PlannedAction.DetachPolicy(ACCOUNT, "r", PolicyType.System,
            "AdministratorAccess");

    private final SharedObservation observation = new SharedObservation(ObservationSettings.perRole(),
            Duration.ofMinutes(10), Clock.systemUTC());
    private final DriftCauses causes = new DriftCauses(observation.outOfBandWrites());

    @Test
    void aCorrectionMadeBeforeItsEventArrivedIsExplainedOnceWhenItDoes() {
        assertThat(causes.explain(corrected(), at(10), at(10), null, null)).as("nobody known yet").isEmpty();
        write("e1", at(5), at(12));

        DriftCauses.Cause late = causes.explain(inOrder(), at(13), at(13), null, null).orElseThrow();
        assertThat(late.corrected()).isTrue();
        assertThat(late.news()).isTrue();
        assertThat(late.correctedAt()).isEqualTo(at(10));
        assertThat(late.text()).isEqualTo("AdministratorAccess attached to r by RAM user alice (LTAI****abcd) from"
                + " 203.0.113.5 at 2026-12-03T12:00:05Z; corrected 5 s later");
        assertThat(causes.explain(inOrder(), at(14), at(14), null, null)).as("once").isEmpty();
    }

    @Test
    void aWriteMadeAfterTheCorrectionIsNoCauseOfIt() {
        assertThat(causes.explain(corrected(), at(10), at(10), null, null)).isEmpty();
        write("e1", at(11), at(12));
        assertThat(causes.explain(inOrder(), at(13), at(13), null, null)).isEmpty();
    }

    @Test
    void aWriteFromBeforeTheRolesPreviousCorrectionIsNoCauseOfTheNextOne() {
        write("e0", at(-20), at(11)); // delivered after the correction
        assertThat(causes.explain(corrected(), at(10), at(10), at(0), null)).as("nothing known yet").isEmpty();
        assertThat(causes.explain(inOrder(), at(13), at(13), at(10), null)).isEmpty();
    }

    /** After a restart the overlap re-reads what the last process reported; the status names it. */
    @Test
    void aWriteTheLastCorrectionNamedIsNotNamedAgain() {
        OutOfBandWrites.Write first = write("e1", at(0), at(30));
        write("e2", at(20), at(30));
        String reported = first.describe() + "; corrected 0 s later";

        DriftCauses.Cause cause = causes.explain(corrected(), at(31), at(31), at(0), reported).orElseThrow();
        assertThat(cause.text()).doesNotContain("12:00:00Z").contains("at 2026-12-03T12:00:20Z; corrected 11 s later");
        assertThat(cause.correctedAt()).as("this pass's own correction").isNull();
    }

    @Test
    void aCorrectionExplainedWhenMadeIsNotExplainedAgainByALateDuplicate() {
        write("e1", at(5), at(6));
        assertThat(causes.explain(corrected(), at(10), at(10), null, null)).isPresent();
        write("e1", at(5), at(12)); // the same event ID delivered again
        assertThat(causes.explain(inOrder(), at(13), at(13), at(10), null)).isEmpty();
    }

    private OutOfBandWrites.Write write(String id, Instant time, Instant notedAt) {
        OutOfBandWrites.Write write = new OutOfBandWrites.Write(id, time, "AttachPolicyToRole",
                "AdministratorAccess attached to r", "RAM user alice (LTAI****abcd)", "203.0.113.5", notedAt);
        observation.outOfBandWrite(ACCOUNT, Set.of("r"), Set.of(), write);
        return write;
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static EngineResult corrected() {
        return new EngineResult(List.of(new RoleResult(ACCOUNT, "r", "acs:ram::" + ACCOUNT + ":role/r", RoleState.UPDATED)),
                new Plan(List.of(new RolePlan(ACCOUNT, "r", List.of(DETACH)))), List.of(DETACH), Optional.empty(),
                List.of(), List.of(), false);
    }

    private static EngineResult inOrder() {
        return new EngineResult(List.of(new RoleResult(ACCOUNT, "r", "acs:ram::" + ACCOUNT + ":role/r",
                RoleState.UP_TO_DATE)), new Plan(List.of(new RolePlan(ACCOUNT, "r", List.of()))), List.of(),
                Optional.empty(), List.of(), List.of(), false);
    }
}
