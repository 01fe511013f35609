package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.DriftEventsAccount.condition;
import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.controller.AlibabaCloudAccountReconciler;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.DriftEventConditions;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationMode;
import io.ramgrants.realkube.RealApiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The DriftEvents fallback on a real API server, the operator running as {@code run} does with the
 * chart's RBAC: the account reconciler (server-side apply of conditions) and the drift event reader
 * (merge patch of status.driftEvents) own disjoint fields, so neither undoes the other; and an account
 * showing DriftEvents=False is still Current for kstatus (Flux) and Healthy for our Argo CD check.
 */
@Tag(RealApiServer.TAG)
class DriftEventsOnRealServerTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String ACCOUNT = "acct-drift-fallback";
    private static final String OPERATOR_KEY = "LTAI-a-real-operator-user";
    static GrantOperatorHarness k8s;
    static DriftEventsAccount fallback;

    @BeforeAll
    static void start() {
        HackHealth.requireRealServerAndHealth();
        k8s = GrantOperatorHarness.onRealServer(Duration.ofMinutes(10), GrantOperatorHarness.readingDriftEvents(
                ObservationMode.BATCH, DriftEventSettings.defaults()
                        .withPollInterval(Duration.ofMillis(300)).withRetryAfterRefusal(Duration.ofSeconds(1))));
        k8s.emulator.addUser(new EmulatorConfig.UserKey(A, "grant-operator", OPERATOR_KEY, secret("a-real-operator"),
                List.of("AliyunRAMFullAccess")));
        k8s.account(ACCOUNT, A, OPERATOR_KEY, secret("a-real-operator"), List.of(), List.of(B, TASK));
        k8s.awaitAccountReady(ACCOUNT);
        fallback = new DriftEventsAccount(k8s, ACCOUNT, WITHIN);
    }

    @AfterAll
    static void stop() {
        if (k8s != null) {
            k8s.close();
        }
    }

    @Test
    void theFallbackConditionIsCurrentAndHealthyAndTheTwoWritersKeepTheirFields() throws Exception {
        AlibabaCloudAccount denied = fallback.awaitDriftEvents(Conditions.FALSE, "ActionTrailAccessDenied");
        assertThat(condition(denied, Conditions.READY).orElseThrow().getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(denied.getStatus().driftEvents.state).isEqualTo("Unavailable");
        JsonNode verdict = HackHealth.verdict(denied);
        assertThat(verdict.path("kstatus").asText()).as("kstatus: %s", verdict).isEqualTo("Current");
        assertThat(verdict.path("argocd").asText()).as("Argo CD: %s", verdict).isEqualTo("Healthy");
        ManagedFieldsEntry reconciler = denied.getMetadata().getManagedFields().stream()
                .filter(m -> AlibabaCloudAccountReconciler.NAME.equals(m.getManager()) && "status".equals(m.getSubresource()))
                .findFirst().orElseThrow();
        String owned = Serialization.asJson(reconciler.getFieldsV1());
        assertThat(owned).contains("f:conditions").doesNotContain("f:driftEvents");

        DmsAccessRole grant = k8s.create(Grants.dmsAccess("fb-real-access", "fb-real-access", ACCOUNT, B));
        k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready by polling");

        fallback.grantLookupEvents();
        AlibabaCloudAccount reading = fallback.awaitDriftEvents(Conditions.TRUE, DriftEventConditions.READING);
        await("driftEvents Active beside the conditions").atMost(WITHIN)
                .until(() -> "Active".equals(fallback.get().getStatus().driftEvents.state));
        assertThat(condition(fallback.get(), Conditions.READY).orElseThrow().getStatus()).isEqualTo(Conditions.TRUE);
        JsonNode after = HackHealth.verdict(reading);
        assertThat(after.path("kstatus").asText()).isEqualTo("Current");
        assertThat(after.path("argocd").asText()).isEqualTo("Healthy");
    }
}
