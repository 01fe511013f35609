package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToUserRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.teaopenapi.models.Config;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
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
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.realkube.RealApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
    private static final Path HEALTH = Path.of(System.getProperty("user.home"), ".kubeapitest", "ramgrants", "health");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String ACCOUNT = "acct-drift-fallback";
    private static final String OPERATOR_KEY = "LTAI-a-real-operator-user";
    static GrantOperatorHarness k8s;

    @BeforeAll
    static void start() {
        RealApiServer.get();
        if (!Files.isExecutable(HEALTH)) {
            String message = "real-server tier: " + HEALTH + " missing (hack/control-plane/build.sh builds it)";
            if (RealApiServer.required()) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        k8s = GrantOperatorHarness.onRealServer(Duration.ofMinutes(10), settings -> settings.withObservation(
                ObservationSettings.defaults().withMode(ObservationMode.BATCH).withDriftEvents(DriftEventSettings.defaults()
                        .withPollInterval(Duration.ofMillis(300)).withRetryAfterRefusal(Duration.ofSeconds(1)))));
        k8s.emulator.addUser(new EmulatorConfig.UserKey(A, "grant-operator", OPERATOR_KEY, secret("a-real-operator"),
                List.of("AliyunRAMFullAccess")));
        k8s.account(ACCOUNT, A, OPERATOR_KEY, secret("a-real-operator"), List.of(), List.of(B, TASK));
        k8s.awaitAccountReady(ACCOUNT);
    }

    @AfterAll
    static void stop() {
        if (k8s != null) {
            k8s.close();
        }
    }

    private static AlibabaCloudAccount account() {
        return k8s.client.resources(AlibabaCloudAccount.class).withName(ACCOUNT).get();
    }

    private static Optional<Condition> condition(AlibabaCloudAccount account, String type) {
        return account == null || account.getStatus() == null ? Optional.empty()
                : Conditions.find(account.getStatus().conditions, type);
    }

    private static AlibabaCloudAccount awaitDriftEvents(String status, String reason) {
        await("DriftEvents " + status + " " + reason).atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> condition(account(), DriftEventConditions.TYPE)
                        .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())).isPresent());
        return account();
    }

    @Test
    void theFallbackConditionIsCurrentAndHealthyAndTheTwoWritersKeepTheirFields() throws Exception {
        AlibabaCloudAccount denied = awaitDriftEvents(Conditions.FALSE, "ActionTrailAccessDenied");
        assertThat(condition(denied, Conditions.READY).orElseThrow().getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(denied.getStatus().driftEvents.state).isEqualTo("Unavailable");
        JsonNode verdict = health(denied);
        assertThat(verdict.path("kstatus").asText()).as("kstatus: %s", verdict).isEqualTo("Current");
        assertThat(verdict.path("argocd").asText()).as("Argo CD: %s", verdict).isEqualTo("Healthy");
        ManagedFieldsEntry reconciler = denied.getMetadata().getManagedFields().stream()
                .filter(m -> AlibabaCloudAccountReconciler.NAME.equals(m.getManager()) && "status".equals(m.getSubresource()))
                .findFirst().orElseThrow();
        String owned = Serialization.asJson(reconciler.getFieldsV1());
        assertThat(owned).contains("f:conditions").doesNotContain("f:driftEvents");

        DmsAccessRole grant = k8s.create(Grants.dmsAccess("fb-real-access", "fb-real-access", ACCOUNT, B));
        k8s.awaitGrant(grant, g -> Conditions.isTrue(g.getStatus().conditions, Conditions.READY), "Ready by polling");

        grantLookupEvents();
        AlibabaCloudAccount reading = awaitDriftEvents(Conditions.TRUE, DriftEventConditions.READING);
        await("driftEvents Active beside the conditions").atMost(WITHIN)
                .until(() -> "Active".equals(account().getStatus().driftEvents.state));
        assertThat(condition(account(), Conditions.READY).orElseThrow().getStatus()).isEqualTo(Conditions.TRUE);
        JsonNode after = health(reading);
        assertThat(after.path("kstatus").asText()).isEqualTo("Current");
        assertThat(after.path("argocd").asText()).isEqualTo("Healthy");
    }

    private static void grantLookupEvents() throws Exception {
        Client root = new Client(new Config().setAccessKeyId("LTAI-a").setAccessKeySecret(secret("a"))
                .setEndpoint("127.0.0.1:" + k8s.emulator.port()).setProtocol("HTTP"));
        root.createPolicy(new CreatePolicyRequest().setPolicyName("operator-lookup-events").setPolicyDocument(
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"actiontrail:LookupEvents\","
                        + "\"Resource\":\"*\"}]}"));
        root.attachPolicyToUser(new AttachPolicyToUserRequest().setPolicyType("Custom")
                .setPolicyName("operator-lookup-events").setUserName("grant-operator"));
    }

    /** hack/health on the object exactly as the API server returned it. */
    private static JsonNode health(Object object) {
        try {
            Process process = new ProcessBuilder(HEALTH.toString(), "-argocd-values", "docs/argocd/values-health.yaml")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var in = process.getOutputStream()) {
                in.write(Serialization.asJson(object).getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
