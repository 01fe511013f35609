package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.ManagementPolicy;
import io.ramgrants.controller.Conditions;
import io.ramgrants.emulator.ActionTrailSettings;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Out-of-band writes made with another AccessKey of the account are read back from ActionTrail
 * and corrected through the event path in batch mode, long before the (10 min) resync or the
 * (6 h) full sweep could, and the correction says who made the drift.
 */
class DriftEventsE2eTest {
    /** Far beyond every wait below: anything corrected here was corrected by an event. */
    private static final Duration RESYNC = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration WITHIN = Duration.ofSeconds(10);
    static GrantOperatorHarness k8s;
    static RamConsole alice;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(RESYNC, GrantOperatorHarness.readingDriftEvents(ObservationMode.BATCH,
                DriftEventSettings.defaults().withPollInterval(POLL)));
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

    private static DmsAccessRole access(String name) {
        DmsAccessRole grant = k8s.create(Grants.dmsAccess(name, name, "acct-a", B));
        return awaitReady(grant);
    }

    private static <R extends CustomResource<?, GrantStatus>> R awaitReady(R grant) {
        return k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready");
    }

    private static void within(String what, BooleanSupplier condition) {
        await(what).atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    private static String revertedEvent(String grant, String contains) {
        await("OutOfBandChangeReverted event on " + grant).atMost(WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> k8s.events(grant).stream().anyMatch(e -> reverted(e, contains)));
        return k8s.events(grant).stream().filter(e -> reverted(e, contains)).findFirst().orElseThrow().getMessage();
    }

    private static boolean reverted(Event e, String contains) {
        return "OutOfBandChangeReverted".equals(e.getReason()) && e.getMessage().contains(contains);
    }

    @Test
    void extraAttachmentIsDetachedWithWhoMadeIt() {
        DmsAccessRole grant = access("ev-extra");
        alice.attachSystemPolicy("AdministratorAccess", "ev-extra");

        within("AdministratorAccess detached", () -> !alice.attachedPolicies("ev-extra").contains("AdministratorAccess"));
        String message = revertedEvent("ev-extra", "AdministratorAccess attached");
        assertThat(message).matches("AdministratorAccess attached to ev-extra by RAM user alice \\(LTAI\\*\\*\\*\\*abcd\\)"
                + " from 203\\.0\\.113\\.5 at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ; corrected \\d+ s later");
        DmsAccessRole after = k8s.awaitGrant(grant, g -> g.getStatus().lastDriftCorrection != null
                && g.getStatus().lastDriftCorrection.cause != null, "attributed correction");
        assertThat(after.getStatus().lastDriftCorrection.cause).isEqualTo(message);
        assertThat(after.getStatus().lastDriftCorrection.actions).anyMatch(a -> a.startsWith("DetachPolicy"));
        k8s.assertNoSecretLeaked();
    }

    @Test
    void everyOutOfBandWriteKindIsCorrectedThroughTheEventPath() {
        DmsAccessRole trust = access("ev-trust");
        DmsAccessRole detach = access("ev-detach");
        DmsAccessRole description = access("ev-description");
        DmsAccessRole deleted = access("ev-deleted");
        DmsRegistrationRole custom = awaitReady(k8s.create(Grants.dmsRegistration("ev-custom", "ev-custom", "acct-a", B,
                List.of(DatabaseType.Redis), List.of())));
        String goodTrust = alice.trust("ev-trust").orElseThrow();
        String goodDescription = alice.description("ev-description");
        String policy = alice.attachedPolicies("ev-custom").get(0);
        String goodDocument = alice.policyDocument(policy);

        alice.updateTrust("ev-trust", GrantLifecycleE2eTest.trustingAccount(TASK));
        alice.detachSystemPolicy("AliyunDMSLoginConsoleAccess", "ev-detach");
        alice.updateDescription("ev-description", goodDescription + " (hand edited)");
        alice.deleteRole("ev-deleted");
        alice.newDefaultPolicyVersion(policy,
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");

        within("trust restored", () -> alice.trust("ev-trust").orElseThrow().equals(goodTrust));
        within("policy re-attached", () -> alice.attachedPolicies("ev-detach").contains("AliyunDMSLoginConsoleAccess"));
        within("description restored", () -> goodDescription.equals(alice.description("ev-description")));
        within("role recreated", () -> alice.roleExists("ev-deleted")
                && alice.attachedPolicies("ev-deleted").contains("AliyunDMSLoginConsoleAccess"));
        within("policy document restored", () -> alice.policyDocument(policy).equals(goodDocument));

        assertThat(revertedEvent("ev-trust", "trust policy of ev-trust edited by RAM user alice (LTAI****abcd)"))
                .contains("from 203.0.113.5");
        revertedEvent("ev-detach", "AliyunDMSLoginConsoleAccess detached from ev-detach by RAM user alice");
        revertedEvent("ev-description", "description of ev-description edited by RAM user alice");
        revertedEvent("ev-deleted", "role ev-deleted deleted by RAM user alice");
        revertedEvent("ev-custom", "new default version of " + policy + " created by RAM user alice");
        List.of(trust, detach, description, deleted).forEach(g -> k8s.awaitGrant(g,
                x -> x.getStatus().lastDriftCorrection != null && x.getStatus().lastDriftCorrection.cause != null,
                "attributed correction"));
        k8s.awaitGrant(custom, x -> x.getStatus().lastDriftCorrection != null
                && x.getStatus().lastDriftCorrection.cause != null, "attributed correction");
    }

    @Test
    void observeModeReportsWhoMadeTheDriftAndWritesNothing() throws InterruptedException {
        DmsAccessRole spec = Grants.dmsAccess("ev-observe", "ev-observe", "acct-a", B);
        spec.getSpec().managementPolicy = ManagementPolicy.Observe;
        alice.createRole("ev-observe", GrantLifecycleE2eTest.trustingAccount(B), "managed-by ramgrants.io "
                + GrantOperatorHarness.NAMESPACE + "/DmsAccessRole/ev-observe");
        alice.attachSystemPolicy("AliyunDMSLoginConsoleAccess", "ev-observe");
        Thread.sleep(POLL.multipliedBy(3).toMillis()); // alice's set-up is read before the grant exists
        DmsAccessRole grant = k8s.create(spec);
        k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready");
        long writes = ramWrites();

        alice.attachSystemPolicy("AdministratorAccess", "ev-observe");

        await("OutOfBandChangeDetected").atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() ->
                k8s.events("ev-observe").stream().anyMatch(e -> "OutOfBandChangeDetected".equals(e.getReason())
                        && e.getMessage().startsWith("AdministratorAccess attached to ev-observe by RAM user alice"
                        + " (LTAI****abcd) from 203.0.113.5")));
        DmsAccessRole observed = k8s.awaitGrant(grant, g -> g.getStatus().notes.stream()
                .anyMatch(n -> n.contains("AdministratorAccess attached")), "attributed note");
        assertThat(GrantOperatorHarness.ready(observed).getReason()).isEqualTo(GrantReasons.DRIFT_DETECTED);
        assertThat(alice.attachedPolicies("ev-observe")).contains("AdministratorAccess");
        assertThat(ramWrites() - writes).as("the operator wrote nothing; the only write is alice's").isEqualTo(1);
    }

    private static long ramWrites() {
        return k8s.calls(A).entrySet().stream().filter(e -> !e.getKey().equals("LookupEvents")
                && !e.getKey().startsWith("Get") && !e.getKey().startsWith("List")).mapToLong(e -> e.getValue()).sum();
    }

    @Test
    void aDeliveryDelayLongerThanThePollIntervalIsCoveredByTheOverlap() {
        access("ev-late");
        k8s.emulator.setActionTrail(ActionTrailSettings.delayed(POLL.multipliedBy(5)));
        long start = System.nanoTime();
        alice.attachSystemPolicy("AdministratorAccess", "ev-late");
        within("detached after the late event", () -> !alice.attachedPolicies("ev-late").contains("AdministratorAccess"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(POLL.multipliedBy(5));
        revertedEvent("ev-late", "AdministratorAccess attached to ev-late");
    }

    @Test
    void duplicatedEventsCorrectOnceAndLostOnesDoNotStopTheFeed() throws InterruptedException {
        access("ev-dup");
        access("ev-lost");
        access("ev-after");
        k8s.emulator.setActionTrail(ActionTrailSettings.IMMEDIATE.withDuplicateEvents(1.0));
        alice.attachSystemPolicy("AdministratorAccess", "ev-dup");
        within("detached", () -> !alice.attachedPolicies("ev-dup").contains("AdministratorAccess"));
        revertedEvent("ev-dup", "AdministratorAccess attached");
        Thread.sleep(POLL.multipliedBy(4).toMillis()); // the duplicate is delivered a second later
        assertThat(k8s.events("ev-dup").stream().filter(e -> reverted(e, "AdministratorAccess attached"))
                .mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum()).as("one announcement").isEqualTo(1);

        k8s.emulator.setActionTrail(ActionTrailSettings.IMMEDIATE.withLostEvents(1.0));
        alice.attachSystemPolicy("AdministratorAccess", "ev-lost");
        Thread.sleep(POLL.multipliedBy(6).toMillis());
        assertThat(alice.attachedPolicies("ev-lost")).as("no event, no correction until the resync or sweep")
                .contains("AdministratorAccess");

        k8s.emulator.setActionTrail(ActionTrailSettings.IMMEDIATE);
        alice.attachSystemPolicy("AdministratorAccess", "ev-after");
        within("the next event still works", () -> !alice.attachedPolicies("ev-after").contains("AdministratorAccess"));
    }

    @Test
    void theAccountStatusKeepsTheCursor() {
        await("cursor in status").atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            var account = k8s.client.resources(io.ramgrants.api.AlibabaCloudAccount.class).withName("acct-a").get();
            return account.getStatus() != null && account.getStatus().driftEvents != null
                    && "Active".equals(account.getStatus().driftEvents.state)
                    && account.getStatus().driftEvents.cursor != null;
        });
    }
}
