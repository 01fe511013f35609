package io.ramgrants.desired;

import static io.ramgrants.desired.Fixtures.DESTINATION;
import static io.ramgrants.desired.Fixtures.SOURCE;
import static io.ramgrants.desired.Fixtures.TASK;
import static io.ramgrants.desired.Fixtures.byRef;
import static io.ramgrants.desired.Fixtures.directory;
import static io.ramgrants.desired.Fixtures.dts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DtsEngine;
import io.ramgrants.policy.PolicyDocument;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 000: which accounts get the role, and the role exactly as the seed prints it. */
class DtsGrantRulesTest {
    private final DtsGrantRules rules = new DtsGrantRules();

    static Stream<Arguments> ownershipCases() {
        return Stream.of(
                Arguments.of("task owns destination: role only in the source account", SOURCE, TASK, List.of(SOURCE)),
                Arguments.of("task owns source: role only in the destination account", TASK, DESTINATION,
                        List.of(DESTINATION)),
                Arguments.of("task owns neither: roles in both accounts", SOURCE, DESTINATION,
                        List.of(SOURCE, DESTINATION)),
                Arguments.of("task owns neither, one account owns both instances: one role", SOURCE, SOURCE,
                        List.of(SOURCE)),
                Arguments.of("task owns both: no role", TASK, TASK, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownershipCases")
    void roleInEveryInstanceOwnerAccountThatIsNotTheTaskAccount(String name, String source, String destination,
            List<String> roleAccounts) {
        DesiredState state = rules.desiredState(dts(TASK, source, destination), directory());

        assertThat(state.roles()).extracting(DesiredRole::accountId).containsExactlyElementsOf(roleAccounts);
        assertThat(state.notes()).isNotEmpty();
    }

    @Test
    void everyRoleIsTheSeedsRole() {
        PolicyDocument seedTrust = PolicyDocument.parse(
                Fixtures.seed("000-dts-trust-policy.json").replace("<ID of the Alibaba Cloud account>", TASK));

        DesiredState state = rules.desiredState(dts(TASK, SOURCE, DESTINATION), directory());

        assertThat(state.roles()).hasSize(2).allSatisfy(role -> {
            assertThat(role.roleName()).isEqualTo("ram-for-dts");
            assertThat(role.trustPolicy()).isEqualTo(seedTrust);
            assertThat(role.systemPolicies()).containsExactly("AliyunDTSRolePolicy");
            assertThat(role.customPolicies()).isEmpty();
        });
    }

    @Test
    void trustPolicyIsTheCompactSeedDocument() {
        DesiredRole role = rules.desiredState(dts(TASK, SOURCE, TASK), directory()).roles().get(0);

        assertThat(role.trustPolicy().toJson()).isEqualTo("{\"Statement\":[{\"Action\":\"sts:AssumeRole\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + TASK + ":root\"],"
                + "\"Service\":[\"" + TASK + "@dts.aliyuncs.com\"]}}],\"Version\":\"1\"}");
    }

    @Test
    void taskOwningBothInstancesIsExplainedNotAnError() {
        CrossAccountDtsGrant grant = dts(TASK, TASK, TASK);

        assertThat(rules.validate(grant, directory())).isEmpty();
        assertThat(rules.desiredState(grant, directory()).notes())
                .anySatisfy(note -> assertThat(note).contains("owns both instances"));
    }

    @Test
    void notesNameTheDtsServiceRolePrerequisiteForEveryRoleAccount() {
        List<String> notes = rules.desiredState(dts(TASK, SOURCE, DESTINATION), directory()).notes();

        assertThat(notes).filteredOn(n -> n.contains("AliyunDTSDefaultRole")).hasSize(2);
    }

    @Test
    void accountRefsResolveThroughTheDirectory() {
        CrossAccountDtsGrant grant = dts(TASK, byRef("source", DtsEngine.PolarDBMySQL), byRef("task", DtsEngine.RdsMySQL));

        DesiredState state = rules.desiredState(grant, directory());

        assertThat(state.roles()).extracting(DesiredRole::accountId).containsExactly(SOURCE);
    }

    @Test
    void descriptionIsTheOwnerMarkerThenTheUsersText() {
        CrossAccountDtsGrant grant = dts(TASK, SOURCE, TASK);
        grant.getSpec().description = "orders to reporting";

        DesiredRole role = rules.desiredState(grant, directory()).roles().get(0);

        assertThat(role.description())
                .isEqualTo("managed-by ramgrants.io team-a/CrossAccountDtsGrant/orders-sync - orders to reporting");
        assertThat(OwnerRef.fromDescription(role.description())).contains(role.owner());
        assertThat(role.owner()).isEqualTo(new OwnerRef("team-a", "CrossAccountDtsGrant", "orders-sync"));
    }

    @Test
    void customRoleNameIsUsedInEveryAccount() {
        CrossAccountDtsGrant grant = dts(TASK, SOURCE, DESTINATION);
        grant.getSpec().roleName = "dts.orders-2";

        assertThat(rules.desiredState(grant, directory()).roles())
                .extracting(DesiredRole::arn)
                .containsExactly("acs:ram::" + SOURCE + ":role/dts.orders-2", "acs:ram::" + DESTINATION + ":role/dts.orders-2");
    }

    @Test
    void missingNamespaceMeansDefault() {
        CrossAccountDtsGrant grant = dts(TASK, SOURCE, TASK);
        grant.getMetadata().setNamespace(null);

        assertThat(rules.desiredState(grant, directory()).owner().namespace()).isEqualTo("default");
    }

    @Test
    void refusesToComputeAnInvalidGrant() {
        CrossAccountDtsGrant grant = dts(TASK, SOURCE, DESTINATION);
        grant.getSpec().destination.engine = DtsEngine.Redis;

        assertThatThrownBy(() -> rules.desiredState(grant, directory()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.destination.engine");
    }
}
