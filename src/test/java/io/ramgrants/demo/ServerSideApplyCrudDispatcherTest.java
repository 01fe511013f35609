package io.ramgrants.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AlibabaCloudAccountStatus;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mock-server SSA the demo, the grant harness and {@code bench --with-kube} write status with, on
 * a mock that has the CRDs installed (status subresource on): fabric8's dispatcher keeps a write's
 * status only when the path ends in {@code /status}, so the apply's query must not reach it.
 */
class ServerSideApplyCrudDispatcherTest {
    static InMemoryKubernetes kubernetes;

    @BeforeAll
    static void start() {
        kubernetes = InMemoryKubernetes.start(false);
    }

    @AfterAll
    static void stop() {
        kubernetes.close();
    }

    @Test
    void statusApplyOnTheInstalledCrdIsStoredAndAnObjectApplyKeepsIt() {
        KubernetesClient client = kubernetes.client();
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName("a1").build());
        account.setSpec(new AlibabaCloudAccountSpec());
        account.getSpec().accountId = "1111111111111111";
        client.resource(account).create();

        AlibabaCloudAccount patch = new AlibabaCloudAccount();
        patch.setMetadata(new ObjectMetaBuilder().withName("a1").build());
        AlibabaCloudAccountStatus status = new AlibabaCloudAccountStatus();
        status.conditions = List.of(new ConditionBuilder().withType("Ready").withStatus("True")
                .withReason("Verified").withMessage("m").withLastTransitionTime("2026-01-01T00:00:00Z").build());
        patch.setStatus(status);
        AlibabaCloudAccount answered = client.resource(patch).subresource("status").patch(new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY).withForce(true).withFieldManager("m").build());
        assertThat(answered.getStatus().conditions).extracting(Condition::getType).containsExactly("Ready");
        AlibabaCloudAccount read = client.resources(AlibabaCloudAccount.class).withName("a1").get();
        assertThat(read.getStatus()).isNotNull();
        assertThat(read.getStatus().conditions).extracting(Condition::getType).containsExactly("Ready");

        AlibabaCloudAccount finalizer = new AlibabaCloudAccount();
        finalizer.setMetadata(new ObjectMetaBuilder().withName("a1").withFinalizers("ramgrants.io/test").build());
        finalizer.setStatus(new AlibabaCloudAccountStatus());
        client.resource(finalizer).patch(new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY).withForce(true).withFieldManager("m").build());
        AlibabaCloudAccount after = client.resources(AlibabaCloudAccount.class).withName("a1").get();
        assertThat(after.getMetadata().getFinalizers()).containsExactly("ramgrants.io/test");
        assertThat(after.getSpec().accountId).isEqualTo("1111111111111111");
        assertThat(after.getStatus().conditions).extracting(Condition::getType).containsExactly("Ready");
    }

    /**
     * Two writers of one status, as on a real server: the account reconciler applies its fields, the
     * drift event reader merges status.driftEvents; an apply leaves the other writer's field alone and
     * drops only what the same manager applied before and no longer applies.
     */
    @Test
    void aStatusApplyKeepsFieldsOtherWritersSetAndDropsOnlyItsOwn() {
        KubernetesClient client = kubernetes.client();
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName("a2").build());
        account.setSpec(new AlibabaCloudAccountSpec());
        account.getSpec().accountId = "1111111111111111";
        client.resource(account).create();
        AlibabaCloudAccountStatus first = new AlibabaCloudAccountStatus();
        first.conditions = List.of(ready("Verified"));
        first.verifiedIdentity = "acs:ram::1111111111111111:user/operator";
        applyStatus(client, first);

        client.resources(AlibabaCloudAccount.class).withName("a2").subresource("status").patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"driftEvents\":{\"state\":\"Active\",\"cursor\":\"2026-01-01T00:00:00Z\"}}}");
        AlibabaCloudAccountStatus second = new AlibabaCloudAccountStatus();
        second.conditions = List.of(ready("StsUnavailable"));
        applyStatus(client, second);

        AlibabaCloudAccount read = client.resources(AlibabaCloudAccount.class).withName("a2").get();
        assertThat(read.getStatus().conditions).extracting(Condition::getReason).containsExactly("StsUnavailable");
        assertThat(read.getStatus().driftEvents).as("the other writer's field").isNotNull();
        assertThat(read.getStatus().driftEvents.cursor).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(read.getStatus().verifiedIdentity).as("applied before by the same manager, no longer").isNull();
    }

    private static Condition ready(String reason) {
        return new ConditionBuilder().withType("Ready").withStatus("True").withReason(reason).withMessage("m")
                .withLastTransitionTime("2026-01-01T00:00:00Z").build();
    }

    private static void applyStatus(KubernetesClient client, AlibabaCloudAccountStatus status) {
        AlibabaCloudAccount patch = new AlibabaCloudAccount();
        patch.setMetadata(new ObjectMetaBuilder().withName("a2").build());
        patch.setStatus(status);
        client.resource(patch).subresource("status").patch(new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY).withForce(true).withFieldManager("alibabacloudaccount").build());
    }
}
