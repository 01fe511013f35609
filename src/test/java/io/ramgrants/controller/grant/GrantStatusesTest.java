package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.GrantStatus;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.Plan;
import io.ramgrants.engine.PlannedAction;
import io.ramgrants.engine.RolePlan;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.RoleState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantStatusesTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private final GrantStatuses statuses = new GrantStatuses(Duration.ofMinutes(5));

    private static PassOutcome upToDate() {
        EngineResult result = new EngineResult(List.of(new RoleResult("1111111111111111", "r",
                "acs:ram::1111111111111111:role/r", RoleState.UP_TO_DATE)), Plan.empty(), List.of(), Optional.empty(),
                List.of(), List.of(), false);
        return new PassOutcome(Verdict.ready(GrantReasons.UP_TO_DATE, "1 role(s) match"), Optional.of(result),
                List.of());
    }

    @Test
    void theWriteIntentChangesOnlyTheInventoryAndKeepsTheRecordedGeneration() {
        GrantStatus last = statuses.build(null, upToDate(), 3L, T0);
        io.ramgrants.api.InventoryEntry entry = new io.ramgrants.api.InventoryEntry();
        entry.accountId = "4444444444444444";
        entry.roles = List.of("r");

        GrantStatus intent = GrantStatuses.withInventory(last, List.of(entry));

        assertThat(intent.observedGeneration).as("a crash after it still leaves the spec change unrecorded")
                .isEqualTo(3L);
        assertThat(intent.inventory).containsExactly(entry);
        intent.inventory = last.inventory;
        assertThat(io.ramgrants.controller.StatusWrites.sameStatus(last, intent)).isTrue();
        assertThat(intent.conditions).isNotSameAs(last.conditions);
        assertThat(GrantStatuses.withInventory(null, List.of(entry)).observedGeneration).isNull();
    }

    @Test
    void anUnchangedObservationIsNotWrittenUntilTheSyncTimeIsDue() {
        GrantStatus first = statuses.build(null, upToDate(), 3L, T0);
        GrantStatus soon = statuses.build(first, upToDate(), 3L, T0.plusSeconds(60));
        GrantStatus later = statuses.build(first, upToDate(), 3L, T0.plus(Duration.ofMinutes(5)));

        assertThat(statuses.worthWriting(null, first, T0)).isTrue();
        assertThat(soon.conditions).isEqualTo(first.conditions);
        assertThat(statuses.worthWriting(first, soon, T0.plusSeconds(60))).isFalse();
        assertThat(statuses.worthWriting(first, later, T0.plus(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void aNewVerdictIsWrittenAtOnceAndKeepsWhatWasNotObserved() {
        GrantStatus ready = statuses.build(null, upToDate(), 3L, T0);
        GrantStatus blocked = statuses.build(ready, PassOutcome.blocked(
                Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY, "account x is not ready")), 3L, T0.plusSeconds(1));

        assertThat(statuses.worthWriting(ready, blocked, T0.plusSeconds(1))).isTrue();
        assertThat(blocked.roleArns).isEqualTo(ready.roleArns);
        assertThat(blocked.lastSyncTime).isEqualTo(ready.lastSyncTime);
        assertThat(blocked.conditions).extracting("type").containsExactly("Ready", "Reconciling");
    }

    @Test
    void conditionsKeepTheirTransitionTimeWhileTheStatusHolds() {
        GrantStatus first = statuses.build(null, upToDate(), 3L, T0);
        GrantStatus again = statuses.build(first, upToDate(), 4L, T0.plusSeconds(600));

        assertThat(again.conditions.get(0).getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(again.observedGeneration).isEqualTo(4L);
    }

    @Test
    void statusPlanSaysWhichTrustPrincipalAPendingUpdateRemovesAndAdds() {
        String before = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::9999999999999999:root\"]}}],\"Version\":\"1\"}";
        String after = before.replace("9999999999999999", "3333333333333333");
        PlannedAction update = new PlannedAction.UpdateRole("1111111111111111", "r", after, null, before, null);
        EngineResult result = new EngineResult(List.of(new RoleResult("1111111111111111", "r",
                "acs:ram::1111111111111111:role/r", RoleState.DRIFTED)),
                new Plan(List.of(new RolePlan("1111111111111111", "r", List.of(update)))), List.of(), Optional.empty(),
                List.of(), List.of(), false);
        PassOutcome outcome = new PassOutcome(Verdict.stalled(GrantReasons.DRIFT_DETECTED, "Observe mode"),
                Optional.of(result), List.of());

        GrantStatus status = statuses.build(null, outcome, 1L, T0);

        assertThat(status.plan).containsExactly("UpdateRole r in 1111111111111111 (trust policy) ["
                + "- trust.principal.RAM: \"acs:ram::9999999999999999:root\"; "
                + "+ trust.principal.RAM: \"acs:ram::3333333333333333:root\"]");
    }
}
