package io.ramgrants.engine;

import static io.ramgrants.engine.DifferTest.DMS;
import static io.ramgrants.engine.DifferTest.DMS_MARKER;
import static io.ramgrants.engine.DifferTest.DMS_POLICY_REORDERED;
import static io.ramgrants.engine.DifferTest.DMS_POLICY_WIDENED;
import static io.ramgrants.engine.DifferTest.DMS_TRUST;
import static io.ramgrants.engine.DifferTest.DTS;
import static io.ramgrants.engine.DifferTest.DTS_MARKER;
import static io.ramgrants.engine.DifferTest.DTS_TRUST_AS_RAM_RETURNS;
import static io.ramgrants.engine.DifferTest.DTS_TRUST_OTHER_TASK;
import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Observations.custom;
import static io.ramgrants.engine.Observations.missing;
import static io.ramgrants.engine.Observations.policy;
import static io.ramgrants.engine.Observations.role;
import static io.ramgrants.engine.Observations.system;
import static io.ramgrants.engine.Observations.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.ramgrants.desired.DesiredRole;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Named cases: the exact, ordered actions a difference turns into. */
class PlannerTest {

    static ObservedPolicy widenedWith(int versionCount, int defaultVersion) {
        return policy("dms-redis-policy", DMS_POLICY_WIDENED, DMS_MARKER).withVersions(versions(versionCount, defaultVersion));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("a matching role plans nothing", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER, List.of(system("AliyunDTSRolePolicy"))),
                        List.of()),
                arguments("a missing role is created before its policy is attached", DTS,
                        missing(A, "ram-for-dts"),
                        List.of("CreateRole ram-for-dts in " + A,
                                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A)),
                arguments("a custom policy is created before the role that attaches it", DMS,
                        missing(A, "ram-for-dms"),
                        List.of("CreatePolicy dms-redis-policy in " + A,
                                "CreateRole ram-for-dms in " + A,
                                "AttachPolicy Custom/dms-redis-policy to ram-for-dms in " + A)),
                arguments("trust and description drift share one UpdateRole", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_OTHER_TASK, "hand written", List.of(system("AliyunDTSRolePolicy"))),
                        List.of("UpdateRole ram-for-dts in " + A + " (trust policy, description)")),
                arguments("trust drift alone", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_OTHER_TASK, DTS_MARKER, List.of(system("AliyunDTSRolePolicy"))),
                        List.of("UpdateRole ram-for-dts in " + A + " (trust policy)")),
                arguments("extras are detached before missing policies are attached", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER,
                                List.of(system("AdministratorAccess"), custom("mine"))),
                        List.of("DetachPolicy System/AdministratorAccess from ram-for-dts in " + A,
                                "DetachPolicy Custom/mine from ram-for-dts in " + A,
                                "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A)),
                arguments("an edited document with room for a version gets a new default version", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of(custom("dms-redis-policy")), widenedWith(2, 2)),
                        List.of("CreatePolicyVersion dms-redis-policy in " + A + " (as default)")),
                arguments("with five versions the oldest non-default goes first", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of(custom("dms-redis-policy")), widenedWith(5, 5)),
                        List.of("DeletePolicyVersion dms-redis-policy v1 in " + A,
                                "CreatePolicyVersion dms-redis-policy in " + A + " (as default)")),
                arguments("with five versions and v1 the default, v2 is the oldest deletable", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of(custom("dms-redis-policy")), widenedWith(5, 1)),
                        List.of("DeletePolicyVersion dms-redis-policy v2 in " + A,
                                "CreatePolicyVersion dms-redis-policy in " + A + " (as default)")),
                arguments("policy fixed before the role's own drift and attachments", DMS,
                        role(A, "ram-for-dms", DTS_TRUST_OTHER_TASK, DMS_MARKER, List.of(system("AdministratorAccess")),
                                widenedWith(1, 1)),
                        List.of("CreatePolicyVersion dms-redis-policy in " + A + " (as default)",
                                "UpdateRole ram-for-dms in " + A + " (trust policy)",
                                "DetachPolicy System/AdministratorAccess from ram-for-dms in " + A,
                                "AttachPolicy Custom/dms-redis-policy to ram-for-dms in " + A)),
                arguments("a re-serialised custom policy plans nothing", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of(custom("dms-redis-policy")),
                                policy("dms-redis-policy", DMS_POLICY_REORDERED, DMS_MARKER)),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansTheseActionsInThisOrder(String reason, DesiredRole desired, ObservedRole observed, List<String> expected) {
        RolePlan plan = new Planner().plan(new Differ().diff(desired, observed));
        assertThat(plan.actions()).map(PlannedAction::line).containsExactlyElementsOf(expected);
    }

    @Test
    void createdDocumentsAreTheCompactCanonicalJson() {
        RolePlan plan = new Planner().plan(new Differ().diff(DMS, missing(A, "ram-for-dms")));
        PlannedAction.CreatePolicy create = (PlannedAction.CreatePolicy) plan.actions().get(0);
        PlannedAction.CreateRole role = (PlannedAction.CreateRole) plan.actions().get(1);
        assertThat(create.document())
                .isEqualTo("{\"Statement\":[{\"Action\":[\"kvstore:DescribeInstances\",\"vpc:DescribeVpcs\"],"
                        + "\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"1\"}");
        assertThat(create.description()).isEqualTo(DMS_MARKER);
        assertThat(role.trustDocument()).contains("3333333333333333@dms.aliyuncs.com");
        assertThat(role.description()).isEqualTo(DMS_MARKER);
    }

    @Test
    void everyActionNamesTheFieldItCorrects() {
        RolePlan plan = new Planner().plan(new Differ().diff(DMS, role(A, "ram-for-dms", DTS_TRUST_OTHER_TASK, "x",
                List.of(system("AdministratorAccess")), widenedWith(5, 5))));
        assertThat(plan.actions()).map(a -> a.field().label())
                .containsExactly("customPolicy", "customPolicy", "trust", "attachment", "attachment");
    }

    @Test
    void repeatedPolicyActionsAcrossRolesArePlannedOnce() {
        RolePlan first = new RolePlan(A, "r1", List.of(new PlannedAction.CreatePolicy(A, "p", "{}", "d"),
                new PlannedAction.AttachPolicy(A, "r1", io.ramgrants.ram.PolicyType.Custom, "p")));
        RolePlan second = new RolePlan(A, "r2", List.of(new PlannedAction.CreatePolicy(A, "p", "{}", "d"),
                new PlannedAction.AttachPolicy(A, "r2", io.ramgrants.ram.PolicyType.Custom, "p")));
        assertThat(Plan.withoutRepeats(List.of(first, second)).lines()).containsExactly(
                "CreatePolicy p in " + A, "AttachPolicy Custom/p to r1 in " + A, "AttachPolicy Custom/p to r2 in " + A);
    }
}
