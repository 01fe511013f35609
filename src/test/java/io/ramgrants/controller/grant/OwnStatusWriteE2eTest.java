package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.CONSOLE_A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.StatusWrites;
import io.ramgrants.observability.OperatorMetrics;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pass that runs right after the grant controller's own status write reads the resource from
 * the informer cache, which may not have that write yet: JOSDK runs the next pass at once when an
 * event arrived during a pass, and does not cache the answer of a status patch. The pass must
 * build on the status just written, every field of it, not on the older one in the cache.
 *
 * <p>The controller here is the production {@link DmsAccessRoleReconciler} on the harness's
 * accounts, driven as JOSDK drives it, with the resource JOSDK would hand it from a cache that
 * lags: the one from before the last write. Its writes go to the (mock) API server by the one
 * status transport. The harness's own operator only reconciles labelled grants, so it stays out
 * of the way.
 */
class OwnStatusWriteE2eTest {
    /** Short, so that the sync time is due a refresh (half of it) and a pass on the older status writes. */
    private static final Duration RESYNC = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    static GrantOperatorHarness k8s;
    static RamConsole alice;

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(RESYNC, settings -> settings.withLabelSelector("ramgrants.io/test-shard=operator"));
        k8s.account("acct-a", A, "LTAI-a", secret("a"), List.of(), List.of(B));
        k8s.awaitAccountReady("acct-a");
        alice = new RamConsole(k8s.emulator, CONSOLE_A, secret("console-a"));
    }

    @AfterAll
    static void stop() {
        k8s.close();
    }

    @Test
    void aPassRightAfterItsOwnStatusWriteBuildsOnThatWriteNotOnTheOlderCache() throws InterruptedException {
        DmsAccessRole created = k8s.create(Grants.dmsAccess("own-write", "own-write", "acct-a", B));
        DmsAccessRoleReconciler controller = new DmsAccessRoleReconciler(new GrantDependencies(k8s.client,
                k8s.operator.accounts(), new RoleClaimIndex(), (regarding, type, reason, message) -> { }, OperatorMetrics.discarding(),
                Clock.systemUTC(), RESYNC, Duration.ofMillis(200)));
        Context<DmsAccessRole> context = context();

        pass(controller, k8s.get(created), context);
        DmsAccessRole ready = k8s.get(created);
        assertThat(Conditions.isTrue(ready.getStatus().conditions, Conditions.READY)).as("Ready").isTrue();
        Thread.sleep(RESYNC.toMillis() + 100); // the stored sync time is now due a refresh
        alice.attachSystemPolicy("AdministratorAccess", "own-write");

        pass(controller, ready, context);
        DmsAccessRole corrected = k8s.get(created);
        assertThat(corrected.getStatus().lastDriftCorrection).as("the correction is recorded").isNotNull();
        assertThat(alice.attachedPolicies("own-write")).doesNotContain("AdministratorAccess");

        // The next pass at once, from a cache that has not seen the correction's status write yet.
        pass(controller, ready, context);
        GrantStatus after = k8s.get(created).getStatus();
        assertThat(after.lastDriftCorrection).as("the correction just written is not replaced by the older status's")
                .isNotNull();
        assertThat(after.lastDriftCorrection.actions).anyMatch(a -> a.contains("AdministratorAccess"));
        // Every other field too; only Ready may move on (UpToDate: this pass found nothing to correct).
        assertThat(withoutPassFields(after)).as("every status field the correction wrote is still there")
                .isEqualTo(withoutPassFields(corrected.getStatus()));
        assertThat(GrantOperatorHarness.ready(k8s.get(created)).getLastTransitionTime())
                .isEqualTo(GrantOperatorHarness.ready(corrected).getLastTransitionTime());
    }

    /** What JOSDK does with one pass: a copy of the cached resource in, the returned status written. */
    private static void pass(DmsAccessRoleReconciler controller, DmsAccessRole cached, Context<DmsAccessRole> context) {
        UpdateControl<DmsAccessRole> control = controller.reconcile(Serialization.clone(cached), context);
        if (control.isPatchStatus()) {
            StatusWrites.apply(context, control.getResource().orElseThrow());
        }
    }

    private static ObjectNode withoutPassFields(GrantStatus status) {
        ObjectNode tree = JSON.valueToTree(status);
        tree.remove("lastSyncTime");
        tree.remove("conditions");
        return tree;
    }

    /** The two things a grant pass asks of JOSDK's context: the client and the field manager. */
    @SuppressWarnings("unchecked")
    private static Context<DmsAccessRole> context() {
        ControllerConfiguration<DmsAccessRole> configuration = (ControllerConfiguration<DmsAccessRole>) Proxy.newProxyInstance(
                OwnStatusWriteE2eTest.class.getClassLoader(), new Class<?>[] {ControllerConfiguration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "fieldManager", "getName" -> "dmsaccessrolereconciler";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Context<DmsAccessRole>) Proxy.newProxyInstance(OwnStatusWriteE2eTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getClient" -> k8s.client;
                    case "getControllerConfiguration" -> configuration;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
