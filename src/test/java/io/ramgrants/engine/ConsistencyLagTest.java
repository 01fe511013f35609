package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.DMS_OWNER;
import static io.ramgrants.engine.Fixtures.DTS_OWNER;
import static io.ramgrants.engine.Fixtures.TASK;
import static io.ramgrants.engine.Fixtures.dmsPolicy;
import static io.ramgrants.engine.Fixtures.dmsRole;
import static io.ramgrants.engine.Fixtures.dtsTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.emulator.FaultSettings;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.RamGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine against an emulator modelling RAM's eventual consistency (up to 800 ms): create,
 * change, rename and delete of each kind converge pass by pass, no pass stops on RAM catching up
 * with the engine's own earlier write, and the extra calls that cost are counted and printed.
 */
class ConsistencyLagTest {
    static final Duration LAG = Duration.ofMillis(800);
    static final OwnerRef ACCESS_OWNER = new OwnerRef("team-c", "DmsAccessRole", "analysts");
    final EngineOptions manage = EngineOptions.defaults();
    final List<EngineResult> passes = new ArrayList<>();
    EmulatorHarness harness;
    GrantEngine engine;

    @BeforeEach
    void start() {
        harness = new EmulatorHarness();
        harness.emulator.setFaults(FaultSettings.NONE.withConsistencyLag(LAG));
        engine = new GrantEngine(harness);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static DesiredRole dts(String roleName, String task) {
        return new DesiredRole(A, roleName, DTS_OWNER.marker(), dtsTrust(task), Set.of("AliyunDTSRolePolicy"),
                List.of(), DTS_OWNER);
    }

    static DesiredRole access(String roleName, String accessor) {
        PolicyDocument trust = PolicyDocument.of(Statement.assumeRoleBy(Principal.of(
                List.of("acs:ram::" + accessor + ":root"), List.of(), List.of())));
        return new DesiredRole(A, roleName, ACCESS_OWNER.marker(), trust, Set.of("AliyunDMSLoginConsoleAccess"),
                List.of(), ACCESS_OWNER);
    }

    static DesiredRole registration(String roleName, PolicyDocument policy) {
        DesiredRole base = dmsRole(A, policy);
        return new DesiredRole(A, roleName, base.description(), base.trustPolicy(), base.systemPolicies(),
                base.customPolicies(), DMS_OWNER);
    }

    /**
     * Passes until converged (at most 8, 300 ms apart as an operator's requeue would space them:
     * GetRole may show the previous trust policy for a while, so a pass may repeat an UpdateRole);
     * each must end without a failure.
     */
    void converge(List<DesiredRole> roles) {
        for (int pass = 0; pass < 8; pass++) {
            if (pass > 0) {
                sleep(300);
            }
            EngineResult result = engine.reconcile(roles, manage);
            passes.add(result);
            assertThat(result.failure()).as("pass %d: %s", pass, result.appliedLines()).isEmpty();
            assertThat(result.conflicts()).isEmpty();
            if (result.converged() && !engine.reconcile(roles, manage).driftFound()) {
                return;
            }
        }
        throw new AssertionError("did not converge in 8 passes: " + passes.get(passes.size() - 1).plan());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void delete(OwnerRef owner, List<DesiredRole> roles) {
        EngineResult result = engine.delete(owner, roles, manage);
        passes.add(result);
        assertThat(result.failure()).as("deletion: %s", result.appliedLines()).isEmpty();
        assertThat(result.roles()).extracting(RoleResult::state).containsOnly(RoleState.DELETED);
    }

    @Test
    void createChangeRenameAndDeleteOfEveryKindConvergeWhileRamCatchesUp() {
        List<DesiredRole> v1 = List.of(dts("ram-for-dts", TASK), registration("ram-for-dms",
                dmsPolicy("kvstore:DescribeInstances")), access("dms-analysts", "4444444444444444"));
        converge(v1);

        List<DesiredRole> v2 = List.of(dts("ram-for-dts", "9999999999999999"), registration("ram-for-dms",
                dmsPolicy("kvstore:DescribeInstances", "vpc:DescribeVpcs")), access("dms-analysts", "5555555555555555"));
        converge(v2);
        for (int i = 0; i < 5; i++) {
            // Five more versions: the oldest is deleted while RAM may still count it.
            converge(List.of(registration("ram-for-dms", dmsPolicy("kvstore:DescribeInstances", "dms:Action" + i))));
        }

        // Rename: the old roles are deleted, the new ones created.
        delete(DTS_OWNER, List.of(v2.get(0)));
        delete(DMS_OWNER, List.of(registration("ram-for-dms", dmsPolicy("dms:Action4"))));
        delete(ACCESS_OWNER, List.of(v2.get(2)));
        List<DesiredRole> renamed = List.of(dts("ram-for-dts-2", TASK),
                registration("ram-for-dms-2", dmsPolicy("kvstore:DescribeInstances")), access("dms-analysts-2", TASK));
        converge(renamed);

        delete(DTS_OWNER, List.of(renamed.get(0)));
        delete(DMS_OWNER, List.of(renamed.get(1)));
        delete(ACCESS_OWNER, List.of(renamed.get(2)));
        RamGateway ram = harness.gatewayFor(A);
        assertThat(ram.listRoles(null, 100).roles()).isEmpty();
        assertThat(ram.listPolicies(PolicyType.Custom, null, 100).policies()).isEmpty();

        long applied = passes.stream().mapToLong(p -> p.applied().size()).sum();
        System.out.println("consistency lag " + LAG.toMillis() + " ms: " + passes.size() + " passes, " + applied
                + " actions applied, " + engine.catchUpRetries() + " extra calls while RAM caught up");
        assertThat(engine.catchUpRetries()).as("the lag really bit").isPositive();
    }

    /** The model itself: right after a detach, DeleteRole is refused as RAM does while it catches up. */
    @Test
    void withoutWaitingADeleteRightAfterADetachIsRefused() {
        RamGateway ram = harness.gatewayFor(A);
        harness.emulator.setFaults(FaultSettings.NONE);
        ram.createRole("lagging", dtsTrust(TASK).toJson(), "x", null);
        ram.attachPolicyToRole(PolicyType.System, "AliyunDTSRolePolicy", "lagging");
        harness.emulator.setFaults(FaultSettings.NONE.withConsistencyLag(Duration.ofSeconds(30)));
        ram.detachPolicyFromRole(PolicyType.System, "AliyunDTSRolePolicy", "lagging");

        assertThatThrownBy(() -> ram.deleteRole("lagging")).isInstanceOfSatisfying(RamException.class,
                e -> assertThat(e.code()).isEqualTo("DeleteConflict.Role.Policy"));
    }
}
