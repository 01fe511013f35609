package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AlibabaCloudAccountStatus;
import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.demo.ServerSideApplyCrudDispatcher;
import io.ramgrants.drift.AccountStatusCursorStore;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's status has two writers: the account reconciler (everything but
 * {@code driftEvents}, by server-side apply) and the drift event reader ({@code driftEvents},
 * by a merge patch of that field). A pass right after the reconciler's own write may be handed
 * the resource from before it; it must build on what it wrote. And once the cache holds that
 * write, the reader's later {@code driftEvents} must not keep the written copy alive (it would
 * hide the reader's state from the reconciler until its next write).
 */
class AccountOwnStatusWriteTest {
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new ServerSideApplyCrudDispatcher(), true);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aPassBuildsOnItsOwnWriteAndThenOnTheCacheWithTheReadersField() {
        AlibabaCloudAccount stale = client.resource(account("acct-a")).create();
        WrittenStatuses<AlibabaCloudAccountStatus> written = new WrittenStatuses<>("driftEvents");

        written.write(context(), stale, status("Ready", "2026-12-04T01:00:00Z"));
        assertThat(written.latest(stale).conditions).as("the cache from before the write: what was written")
                .extracting(Condition::getLastTransitionTime).containsExactly("2026-12-04T01:00:00Z");

        DriftEventsStatus feed = new DriftEventsStatus();
        feed.state = "Unavailable";
        feed.reason = "ActionTrailAccessDenied";
        new AccountStatusCursorStore(client).save("acct-a", feed);
        AlibabaCloudAccount cached = client.resources(AlibabaCloudAccount.class).withName("acct-a").get();
        assertThat(cached.getMetadata().getResourceVersion()).as("the reader's write moved the resourceVersion")
                .isNotEqualTo(stale.getMetadata().getResourceVersion());

        AlibabaCloudAccountStatus latest = written.latest(cached);
        assertThat(latest.driftEvents).as("the reader's field, from the cache").isNotNull();
        assertThat(latest.driftEvents.state).isEqualTo("Unavailable");
        assertThat(latest.conditions).extracting(Condition::getLastTransitionTime)
                .containsExactly("2026-12-04T01:00:00Z");

        // The cache has the write (in the fields the reconciler owns), so the copy is dropped: a
        // newer reader write is seen at once, even by a resource from before it.
        feed.state = "Active";
        feed.reason = "Reading";
        new AccountStatusCursorStore(client).save("acct-a", feed);
        AlibabaCloudAccount newer = client.resources(AlibabaCloudAccount.class).withName("acct-a").get();
        assertThat(written.latest(newer).driftEvents.state).isEqualTo("Active");
        assertThat(written.latest(Serialization.clone(stale))).as("no copy is kept any more")
                .usingRecursiveComparison().isEqualTo(stale.getStatus());
    }

    @Test
    void aStaleCacheWithTheReadersFieldStillGetsTheWrittenConditionsAndKeepsThatField() {
        AlibabaCloudAccount created = client.resource(account("acct-b")).create();
        DriftEventsStatus feed = new DriftEventsStatus();
        feed.state = "Active";
        new AccountStatusCursorStore(client).save("acct-b", feed);
        AlibabaCloudAccount beforeWrite = client.resources(AlibabaCloudAccount.class).withName("acct-b").get();
        WrittenStatuses<AlibabaCloudAccountStatus> written = new WrittenStatuses<>("driftEvents");

        written.write(context(), created, status("Ready", "2026-12-04T02:00:00Z"));

        AlibabaCloudAccountStatus latest = written.latest(beforeWrite);
        assertThat(latest.conditions).extracting(Condition::getLastTransitionTime)
                .containsExactly("2026-12-04T02:00:00Z");
        assertThat(latest.driftEvents.state).as("the cached reader field is carried over").isEqualTo("Active");
        AlibabaCloudAccount stored = client.resources(AlibabaCloudAccount.class).withName("acct-b").get();
        assertThat(stored.getStatus().driftEvents.state).as("the reconciler's apply leaves the reader's field")
                .isEqualTo("Active");
    }

    private static AlibabaCloudAccount account(String name) {
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(new AlibabaCloudAccountSpec());
        return account;
    }

    private static AlibabaCloudAccountStatus status(String type, String transition) {
        AlibabaCloudAccountStatus status = new AlibabaCloudAccountStatus();
        status.observedGeneration = 1L;
        status.conditions = List.of(new ConditionBuilder().withType(type).withStatus("True").withReason("Verified")
                .withMessage("ok").withLastTransitionTime(transition).build());
        return status;
    }

    /** The two things a status write asks of JOSDK's context: the client and the field manager. */
    @SuppressWarnings("unchecked")
    private Context<AlibabaCloudAccount> context() {
        ControllerConfiguration<AlibabaCloudAccount> configuration = (ControllerConfiguration<AlibabaCloudAccount>)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ControllerConfiguration.class},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "fieldManager", "getName" -> "alibabacloudaccountreconciler";
                            default -> throw new UnsupportedOperationException(method.getName());
                        });
        return (Context<AlibabaCloudAccount>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getClient" -> client;
                    case "getControllerConfiguration" -> configuration;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
