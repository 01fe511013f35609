package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DriftCorrection;
import io.ramgrants.controller.Conditions;
import io.ramgrants.emulator.ActionTrailSettings;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole operator restarted around out-of-band writes: a new operator instance (new process
 * state, the drift event cursor read back from the account's status) against the same cluster and
 * RAM. Per-role observation, so the pass every grant gets at start sees an extra attachment at
 * once, before or after the first poll of ActionTrail, and the attribution must come either way,
 * once.
 */
class DriftEventsRestartE2eTest {
    /** Far beyond every wait below: nothing here is corrected by a resync pass. */
    private static final Duration RESYNC = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration WITHIN = Duration.ofSeconds(15);
    /** Longer than a restart and the first pass take (about a second): the correction comes before the event. */
    private static final Duration DELAY = Duration.ofSeconds(4);
    /**
     * Longer than the delivery delay (or late events fall out of the window), shorter than the
     * outage below: a new instance that started reading at {@code now - overlap} instead of the
     * saved cursor would miss the write made while it was down.
     */
    private static final Duration OVERLAP = DELAY.plusSeconds(2);
    private static final Duration OUTAGE = OVERLAP.plusSeconds(2);
    private static final Pattern ATTRIBUTED = Pattern.compile("AdministratorAccess attached to (\\S+) by RAM user"
            + " alice \\(LTAI\\*\\*\\*\\*abcd\\) from 203\\.0\\.113\\.5 at (\\S+Z); corrected \\d+ s later");
    static GrantOperatorHarness k8s;
    static RamConsole alice;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(RESYNC, GrantOperatorHarness.readingDriftEvents(ObservationMode.PER_ROLE,
                DriftEventSettings.defaults().withPollInterval(POLL).withOverlap(OVERLAP)));
        k8s.accountAReady();
        alice = k8s.aliceFromTheConsole();
    }

    @AfterEach
    void deliverNormally() {
        k8s.emulator.setActionTrail(ActionTrailSettings.IMMEDIATE);
    }

    @AfterAll
    static void stop() {
        k8s.close();
    }

    @Test
    void aWriteWhileTheOperatorIsDownIsCorrectedAfterTheRestartWithWhoMadeItOnce() throws InterruptedException {
        DmsAccessRole grant = access("rs-between");
        Instant saved = awaitCursorPast(Instant.EPOCH); // any saved cursor is older than the write below

        k8s.restartOperator(() -> {
            alice.attachSystemPolicy("AdministratorAccess", "rs-between");
            sleep(OUTAGE); // longer than the overlap: only the saved cursor reaches back to the write
        });
        assertThat(saved).isNotNull();

        awaitDetached("rs-between");
        assertAttributedOnce(grant, "rs-between");
    }

    /**
     * The event is delivered after the new operator's first pass has corrected the role: the
     * correction is attributed afterwards (the Warning event and the status's cause), once.
     */
    @Test
    void aCorrectionMadeBeforeItsEventArrivesIsAttributedWhenItDoes() throws InterruptedException {
        DmsAccessRole grant = access("rs-late");
        k8s.emulator.setActionTrail(ActionTrailSettings.delayed(DELAY));

        long written = System.nanoTime();
        k8s.restartOperator(() -> alice.attachSystemPolicy("AdministratorAccess", "rs-late"));

        awaitDetached("rs-late");
        assertThat(Duration.ofNanos(System.nanoTime() - written)).as("corrected before the event was delivered")
                .isLessThan(DELAY);
        DmsAccessRole corrected = k8s.awaitGrant(grant, g -> g.getStatus().lastDriftCorrection != null,
                "correction recorded");
        assertThat(corrected.getStatus().lastDriftCorrection.cause).as("nobody to name yet").isNull();
        assertAttributedOnce(grant, "rs-late");
        assertThat(k8s.get(grant).getStatus().lastDriftCorrection.time)
                .as("the same correction, explained").isEqualTo(corrected.getStatus().lastDriftCorrection.time);
    }

    /**
     * After a restart the feed reads the overlap before the saved cursor again: the events in it
     * were reported by the previous instance and are not reported again, nor do they join the
     * cause of the next correction.
     */
    @Test
    void eventsReadAgainAfterARestartAreNotReportedAgain() throws InterruptedException {
        DmsAccessRole grant = access("rs-dedup");
        alice.attachSystemPolicy("AdministratorAccess", "rs-dedup");
        awaitDetached("rs-dedup");
        DriftCorrection first = awaitCause(grant);
        String firstWrite = writeTime(first.cause);
        awaitCursorPast(Instant.parse(firstWrite));

        long before = lookups();
        k8s.restartOperator(() -> { });
        k8s.awaitAccountReady("acct-a");
        await("the new instance polled, overlap included").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> lookups() >= before + 3);
        Thread.sleep(POLL.multipliedBy(4).toMillis());
        assertThat(reverted("rs-dedup")).as("one announcement across the restart").isEqualTo(1);
        DriftCorrection kept = k8s.get(grant).getStatus().lastDriftCorrection;
        assertThat(kept.time).isEqualTo(first.time);
        assertThat(kept.cause).isEqualTo(first.cause);

        Thread.sleep(1100); // a later second: the next write is told apart from the first by its time
        alice.attachSystemPolicy("AdministratorAccess", "rs-dedup");
        awaitDetached("rs-dedup");
        DriftCorrection second = k8s.awaitGrant(grant, g -> g.getStatus().lastDriftCorrection != null
                && g.getStatus().lastDriftCorrection.cause != null
                && !g.getStatus().lastDriftCorrection.cause.equals(first.cause), "the second correction, attributed")
                .getStatus().lastDriftCorrection;
        assertThat(second.cause).as("only the new write").matches(ATTRIBUTED);
        assertThat(writeTime(second.cause)).isNotEqualTo(firstWrite);
        assertThat(reverted("rs-dedup")).isEqualTo(2);
    }

    /** LookupEvents calls served for the account. */
    private static long lookups() {
        return k8s.calls(A).getOrDefault("LookupEvents", 0L);
    }

    /** Waits until the account's status holds a cursor at or after {@code time}; returns it. */
    private static Instant awaitCursorPast(Instant time) {
        Instant[] found = new Instant[1];
        await("cursor saved past " + time).atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> (found[0] = cursor()) != null && !found[0].isBefore(time.minusSeconds(1)));
        return found[0];
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Instant cursor() {
        AlibabaCloudAccount account = k8s.client.resources(AlibabaCloudAccount.class).withName("acct-a").get();
        if (account == null || account.getStatus() == null || account.getStatus().driftEvents == null
                || account.getStatus().driftEvents.cursor == null) {
            return null;
        }
        return Instant.parse(account.getStatus().driftEvents.cursor);
    }

    private static DmsAccessRole access(String name) {
        DmsAccessRole grant = k8s.create(Grants.dmsAccess(name, name, "acct-a", B));
        return k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready");
    }

    private static void awaitDetached(String role) {
        await("AdministratorAccess detached from " + role).atMost(WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> !alice.attachedPolicies(role).contains("AdministratorAccess"));
    }

    private static DriftCorrection awaitCause(DmsAccessRole grant) {
        return k8s.awaitGrant(grant, g -> g.getStatus().lastDriftCorrection != null
                && g.getStatus().lastDriftCorrection.cause != null, "attributed correction").getStatus()
                .lastDriftCorrection;
    }

    /** The Warning event and the status's cause say the same, the event once, and nothing more comes. */
    private static void assertAttributedOnce(DmsAccessRole grant, String role) throws InterruptedException {
        DriftCorrection correction = awaitCause(grant);
        assertThat(correction.cause).matches(ATTRIBUTED);
        assertThat(correction.actions).anyMatch(a -> a.contains("AdministratorAccess"));
        await("OutOfBandChangeReverted on " + role).atMost(WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> reverted(role) > 0);
        Thread.sleep(POLL.multipliedBy(6).toMillis()); // later polls and passes add nothing
        List<Event> events = k8s.events(role).stream().filter(e -> "OutOfBandChangeReverted".equals(e.getReason()))
                .toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMessage()).isEqualTo(correction.cause);
        assertThat(reverted(role)).isEqualTo(1);
        assertThat(k8s.get(grant).getStatus().lastDriftCorrection.cause).isEqualTo(correction.cause);
    }

    /** OutOfBandChangeReverted announcements about the grant, repeats included. */
    private static int reverted(String grant) {
        return k8s.events(grant).stream().filter(e -> "OutOfBandChangeReverted".equals(e.getReason()))
                .mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum();
    }

    private static String writeTime(String cause) {
        Matcher m = ATTRIBUTED.matcher(cause);
        assertThat(m.matches()).as(cause).isTrue();
        return m.group(2);
    }
}
