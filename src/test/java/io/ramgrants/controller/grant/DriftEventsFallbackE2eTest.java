package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.DriftEventsAccount.condition;
import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.CONSOLE_A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.DriftEventConditions;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An account whose credentials (a RAM user holding AliyunRAMFullAccess only) may not call
 * actiontrail:LookupEvents: the whole operator on the mock API server and the emulator over HTTP
 * with the real SDKs. The account shows DriftEvents=False, reason ActionTrailAccessDenied, while it
 * stays Ready and its grants become Ready by polling; once the permission is granted the feed's
 * next retry (1 s here, 10 min by default) turns the condition True and events flow again.
 */
class DriftEventsFallbackE2eTest {
    private static final Duration RESYNC = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final String OPERATOR_KEY = "LTAI-a-operator-user";
    static GrantOperatorHarness k8s;
    static DriftEventsAccount acctA;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(RESYNC, GrantOperatorHarness.readingDriftEvents(ObservationMode.BATCH,
                DriftEventSettings.defaults().withPollInterval(POLL).withRetryAfterRefusal(RETRY)));
        k8s.emulator.addUser(new EmulatorConfig.UserKey(A, "grant-operator", OPERATOR_KEY, secret("a-operator-user"),
                List.of("AliyunRAMFullAccess")));
        k8s.account("acct-a", A, OPERATOR_KEY, secret("a-operator-user"), List.of(), List.of(B, TASK));
        k8s.awaitAccountReady("acct-a");
        acctA = new DriftEventsAccount(k8s, "acct-a", WITHIN);
    }

    @AfterAll
    static void stop() {
        k8s.close();
    }

    private static double counter(String name, String... tags) {
        Counter c = k8s.metrics.registry().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private static double gauge(String state) {
        Gauge g = k8s.metrics.registry().find("ramgrants.drift.event.feeds").tags("account", A, "state", state).gauge();
        return g == null ? -1 : g.value();
    }

    @Test
    void withoutLookupEventsTheAccountSaysSoAndGrantsWorkByPollingThenGrantingItTurnsEventsOn() throws Exception {
        AlibabaCloudAccount denied = acctA.awaitDriftEvents(Conditions.FALSE, "ActionTrailAccessDenied");
        Condition driftEvents = condition(denied, DriftEventConditions.TYPE).orElseThrow();
        assertThat(driftEvents.getMessage()).contains("may not call actiontrail:LookupEvents (NoPermission)")
                .contains("drift is found by polling only").contains("grant actiontrail:LookupEvents")
                .contains("retrying in 1 s");
        assertThat(condition(denied, Conditions.READY).orElseThrow().getStatus()).as("Ready is not the feed's")
                .isEqualTo(Conditions.TRUE);
        assertThat(condition(denied, Conditions.STALLED)).as("nothing for kstatus to call Failed").isEmpty();
        assertThat(condition(denied, Conditions.RECONCILING)).isEmpty();
        assertThat(denied.getStatus().driftEvents.state).as("the poller's field beside the reconciler's conditions")
                .isEqualTo("Unavailable");
        assertThat(denied.getStatus().driftEvents.reason).isEqualTo("ActionTrailAccessDenied");
        assertThat(counter("ramgrants.drift.event.lookups", "account", A, "outcome", "denied")).isPositive();
        await("feed gauge").atMost(WITHIN).until(() -> gauge("Unavailable") == 1 && gauge("Active") == 0);

        DmsAccessRole grant = k8s.create(Grants.dmsAccess("fb-access", "fb-access", "acct-a", B));
        k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready by polling");
        assertThat(condition(acctA.get(), DriftEventConditions.TYPE).orElseThrow().getReason())
                .isEqualTo("ActionTrailAccessDenied");

        acctA.grantLookupEvents();

        AlibabaCloudAccount reading = acctA.awaitDriftEvents(Conditions.TRUE, DriftEventConditions.READING);
        assertThat(condition(reading, DriftEventConditions.TYPE).orElseThrow().getMessage())
                .contains("reading RAM write events from ActionTrail");
        assertThat(condition(reading, Conditions.READY).orElseThrow().getStatus()).isEqualTo(Conditions.TRUE);
        await("driftEvents Active in status").atMost(WITHIN).until(() -> "Active".equals(acctA.get().getStatus().driftEvents.state)
                && acctA.get().getStatus().driftEvents.cursor != null);
        await("feed gauge").atMost(WITHIN).until(() -> gauge("Active") == 1 && gauge("Unavailable") == 0);
        assertThat(counter("ramgrants.drift.event.lookups", "account", A, "outcome", "ok")).isPositive();

        // Events flow: an out-of-band attachment is corrected through the event path (the resync is 10 min away).
        double seen = counter("ramgrants.drift.event.out.of.band.writes", "account", A);
        RamConsole alice = new RamConsole(k8s.emulator, CONSOLE_A, secret("console-a"));
        alice.attachSystemPolicy("AdministratorAccess", "fb-access");
        await("AdministratorAccess detached by the event path").atMost(WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> !alice.attachedPolicies("fb-access").contains("AdministratorAccess"));
        assertThat(counter("ramgrants.drift.event.out.of.band.writes", "account", A)).isGreaterThan(seen);
        k8s.assertNoSecretLeaked();
    }
}
