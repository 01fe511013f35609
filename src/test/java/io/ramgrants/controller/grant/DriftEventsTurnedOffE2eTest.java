package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.DriftEventConditions;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator restarted with {@code --drift-events=off} after a run with events on: the
 * account's status must not keep claiming events are read. {@code status.driftEvents} says
 * Off (cursor kept), the DriftEvents condition is gone, the account and its grants stay Ready;
 * turned on again, reading resumes from the kept cursor.
 */
class DriftEventsTurnedOffE2eTest {
    private static final Duration RESYNC = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration WITHIN = Duration.ofSeconds(15);
    static GrantOperatorHarness k8s;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(RESYNC, GrantOperatorHarness.readingDriftEvents(ObservationMode.BATCH,
                DriftEventSettings.defaults().withPollInterval(POLL)));
        k8s.accountAReady();
    }

    @AfterAll
    static void stop() {
        k8s.close();
    }

    private static AlibabaCloudAccount account() {
        return k8s.client.resources(AlibabaCloudAccount.class).withName("acct-a").get();
    }

    private static DriftEventsStatus driftEvents() {
        AlibabaCloudAccount account = account();
        return account.getStatus() == null ? null : account.getStatus().driftEvents;
    }

    private static boolean hasDriftEventsCondition() {
        return Conditions.find(account().getStatus().conditions, DriftEventConditions.TYPE).isPresent();
    }

    @Test
    void turnedOffTheStatusSaysOffAndKeepsTheCursorTurnedOnItReadsAgain() {
        DmsAccessRole grant = k8s.create(Grants.dmsAccess("off-access", "off-access", "acct-a", B));
        k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready");
        await("events read").atMost(WITHIN).until(() -> driftEvents() != null && "Active".equals(driftEvents().state)
                && driftEvents().cursor != null && hasDriftEventsCondition());
        String cursor = driftEvents().cursor;

        k8s.restartOperator(() -> { }, settings -> settings.withObservation(
                settings.observation().withDriftEvents(DriftEventSettings.off())));

        await("driftEvents Off").atMost(WITHIN).until(() -> "Off".equals(driftEvents().state));
        DriftEventsStatus off = driftEvents();
        assertThat(off.reason).isEqualTo("TurnedOff");
        assertThat(off.message).contains("--drift-events=off").contains("polling only");
        assertThat(off.cursor).as("kept for when events are turned on again").isEqualTo(cursor);
        await("no DriftEvents condition").atMost(WITHIN).until(() -> !hasDriftEventsCondition());
        assertThat(Conditions.isTrue(account().getStatus().conditions, Conditions.READY)).isTrue();
        assertThat(Conditions.isTrue(k8s.get(grant).getStatus().conditions, Conditions.READY)).isTrue();

        k8s.restartOperator(() -> { }, settings -> settings.withObservation(
                settings.observation().withDriftEvents(DriftEventSettings.defaults().withPollInterval(POLL))));

        await("events read again").atMost(WITHIN).until(() -> "Active".equals(driftEvents().state)
                && hasDriftEventsCondition());
        assertThat(driftEvents().cursor).as("reading resumed from the kept cursor and moved on")
                .isGreaterThanOrEqualTo(cursor);
        k8s.assertNoSecretLeaked();
    }
}
