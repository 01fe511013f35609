package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.ApiGroup;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.realkube.RealApiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Health as GitOps tools read it, on objects the real API server holds in each state a grant goes
 * through: kstatus (the library behind Flux's health checks) and the Argo CD Lua health checks we ship
 * ({@code docs/argocd/values-health.yaml}, run by gopher-lua as Argo CD runs them), both computed by
 * {@code hack/health} (built by {@code hack/control-plane/build.sh}).
 */
@Tag(RealApiServer.TAG)
class HealthOnRealServerTest {
    static GrantOperatorHarness k8s;

    @BeforeAll
    static void start() {
        HackHealth.requireRealServerAndHealth();
        k8s = GrantOperatorHarness.onRealServer(Duration.ofMillis(1500));
        k8s.account("acct-a", A, "LTAI-a", secret("a"));
        k8s.account("acct-b", B, "LTAI-b", secret("b"));
        k8s.account("acct-task", TASK, "LTAI-task", secret("task"));
        k8s.awaitAccountReady("acct-a");
        k8s.awaitAccountReady("acct-b");
        k8s.awaitAccountReady("acct-task");
    }

    @AfterAll
    static void stop() {
        if (k8s != null) {
            k8s.close();
        }
    }

    @Test
    void newReconcilingAndReady() {
        CrossAccountDtsGrant created = k8s.create(Grants.dts("health-new", "dts-health-new", "acct-a", TASK));
        // As the API server answers the create: no status yet. kstatus cannot tell (no observedGeneration
        // to compare): Current. Argo CD's check waits for the operator.
        assertHealth(created, "Current", "Progressing");

        CrossAccountDtsGrant ready = k8s.awaitGrant(created, GrantLifecycleE2eTest::isReady, "Ready");
        assertHealth(ready, "Current", "Healthy");

        CrossAccountDtsGrant waiting = k8s.awaitReason(
                k8s.create(Grants.dts("health-waiting", "dts-health-waiting", "acct-missing", TASK)),
                GrantReasons.ACCOUNT_NOT_READY);
        assertHealth(waiting, "InProgress", "Progressing");
    }

    @Test
    void stalledAndInvalidSpecAreFailedAndDegraded() {
        k8s.awaitGrant(k8s.create(Grants.dmsAccess("health-first", "dms-health-shared", "acct-b", A)),
                GrantLifecycleE2eTest::isReady, "Ready");
        DmsAccessRole conflicted = k8s.awaitReason(
                k8s.create(Grants.dmsAccess("health-second", "dms-health-shared", "acct-b", TASK)),
                GrantReasons.MANAGEMENT_CONFLICT);
        assertHealth(conflicted, "Failed", "Degraded");

        DmsRegistrationRole invalid = k8s.awaitReason(k8s.create(Grants.dmsRegistration("health-invalid",
                "dms-health-invalid", "acct-b", B, List.of(DatabaseType.Redis), List.of())), GrantReasons.INVALID_SPEC);
        assertHealth(invalid, "Failed", "Degraded");
    }

    @Test
    void pausedIsSuspendedAndANewGenerationIsProgressing() {
        DmsAccessRole grant = k8s.awaitGrant(k8s.create(Grants.dmsAccess("health-paused", "dms-health-paused",
                "acct-b", A)), GrantLifecycleE2eTest::isReady, "Ready");
        k8s.edit(grant, g -> g.getMetadata().getAnnotations().put(ApiGroup.PAUSED_ANNOTATION, "true"));
        DmsAccessRole paused = k8s.awaitReason(grant, GrantReasons.PAUSED);
        assertHealth(paused, "Current", "Suspended");

        DmsAccessRole unpaused = k8s.edit(paused, g -> g.getMetadata().getAnnotations()
                .remove(ApiGroup.PAUSED_ANNOTATION));
        k8s.awaitGrant(unpaused, GrantLifecycleE2eTest::isReady, "Ready");
        // A spec change as the API server answers the update: the status still describes the previous
        // generation, and both tools compare generations.
        DmsAccessRole edited = k8s.edit(unpaused, g -> g.getSpec().description = "edited");
        assertThat(edited.getStatus().observedGeneration).isLessThan(edited.getMetadata().getGeneration());
        assertHealth(edited, "InProgress", "Progressing");
    }

    @Test
    void deletingIsInProgressAndProgressing() {
        DmsAccessRole grant = k8s.awaitGrant(k8s.create(Grants.dmsAccess("health-deleting", "dms-health-deleting",
                "acct-b", A)), GrantLifecycleE2eTest::isReady, "Ready");
        // A second finalizer keeps the object after the operator has cleaned up and removed its own.
        DmsAccessRole held = k8s.edit(grant, g -> g.getMetadata().getFinalizers().add("test.ramgrants.io/hold"));
        k8s.delete(held);
        DmsAccessRole deleting = k8s.awaitGrant(held, g -> g.getMetadata().getDeletionTimestamp() != null
                && !g.getMetadata().getFinalizers().contains(GrantReconciler.FINALIZER), "operator finalizer removed");
        assertHealth(deleting, "Terminating", "Progressing");
        k8s.edit(deleting, g -> g.getMetadata().getFinalizers().remove("test.ramgrants.io/hold"));
        k8s.awaitGone(deleting);
    }

    private static void assertHealth(CustomResource<?, GrantStatus> object, String kstatus, String argocd) {
        JsonNode verdict = HackHealth.verdict(object);
        assertThat(verdict.path("kstatus").asText()).as("kstatus of %s: %s", object.getMetadata().getName(), verdict)
                .isEqualTo(kstatus);
        assertThat(verdict.path("argocd").asText()).as("Argo CD health of %s: %s", object.getMetadata().getName(),
                verdict).isEqualTo(argocd);
    }
}
