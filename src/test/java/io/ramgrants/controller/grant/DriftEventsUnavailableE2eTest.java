package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.CONSOLE_A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An account whose credentials may not call {@code actiontrail:LookupEvents}: the operator's
 * identity there is the RAM user alice, whose only policy is {@code AliyunRAMFullAccess} (the
 * emulator evaluates a RAM user's policies, docs/emulator.md). Drift events are on; the feed finds
 * them unavailable and says so in the account's status, and drift is still corrected, by the
 * (short) resync, with the grants Ready throughout and no attribution made up.
 */
class DriftEventsUnavailableE2eTest {
    private static final Duration RESYNC = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(300);
    static GrantOperatorHarness k8s;
    /** The account's root key: someone other than the operator. */
    static RamConsole root;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(RESYNC, GrantOperatorHarness.readingDriftEvents(ObservationMode.BATCH,
                DriftEventSettings.defaults().withPollInterval(POLL)));
        k8s.account("acct-alice", A, CONSOLE_A, secret("console-a"), List.of(), List.of(B));
        k8s.awaitAccountReady("acct-alice");
        root = new RamConsole(k8s.emulator, "LTAI-a", secret("a"));
    }

    @AfterAll
    static void stop() {
        k8s.close();
    }

    @Test
    void withoutLookupEventsDriftIsCorrectedByTheResyncAndTheAccountSaysWhy() {
        DriftEventsStatus unavailable = awaitDriftEvents();
        assertThat(unavailable.message).contains("actiontrail:LookupEvents", "NoPermission", "resync");

        DmsAccessRole grant = k8s.create(Grants.dmsAccess("fb-drift", "fb-drift", "acct-alice", B));
        k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready");
        String trust = root.trust("fb-drift").orElseThrow();
        root.updateTrust("fb-drift", GrantLifecycleE2eTest.trustingAccount(GrantOperatorHarness.TASK));

        await("trust restored by the resync").atMost(RESYNC.multipliedBy(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> trust.equals(root.trust("fb-drift").orElseThrow()));
        DmsAccessRole corrected = k8s.awaitGrant(grant, g -> g.getStatus().lastDriftCorrection != null
                && Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "corrected and Ready");
        assertThat(corrected.getStatus().lastDriftCorrection.cause).as("no event, nobody named").isNull();
        assertThat(k8s.events("fb-drift")).noneMatch(e -> e.getReason().startsWith("OutOfBandChange"));
        assertThat(awaitDriftEvents().state).isEqualTo("Unavailable");
        k8s.assertNoSecretLeaked();
    }

    private static DriftEventsStatus awaitDriftEvents() {
        DriftEventsStatus[] found = new DriftEventsStatus[1];
        await("status.driftEvents Unavailable").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    AlibabaCloudAccount account = k8s.client.resources(AlibabaCloudAccount.class)
                            .withName("acct-alice").get();
                    found[0] = account == null || account.getStatus() == null ? null : account.getStatus().driftEvents;
                    return found[0] != null && "Unavailable".equals(found[0].state);
                });
        return found[0];
    }
}
