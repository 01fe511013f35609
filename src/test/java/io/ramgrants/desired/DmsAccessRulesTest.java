package io.ramgrants.desired;

import static io.ramgrants.desired.Fixtures.DMS;
import static io.ramgrants.desired.Fixtures.OWNER;
import static io.ramgrants.desired.Fixtures.access;
import static io.ramgrants.desired.Fixtures.directory;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.policy.PolicyDocument;
import org.junit.jupiter.api.Test;

/** Seed 004 part 2: the role account A's RAM users switch into. */
class DmsAccessRulesTest {
    private final DmsAccessRules rules = new DmsAccessRules();

    @Test
    void roleInTheOwnerAccountTrustsAccountAWithDmsConsoleAccess() {
        DesiredState state = rules.desiredState(access(DMS), directory());

        assertThat(state.roles()).singleElement().satisfies(role -> {
            assertThat(role.accountId()).isEqualTo(OWNER);
            assertThat(role.roleName()).isEqualTo("dms-access");
            assertThat(role.trustPolicy()).isEqualTo(PolicyDocument.parse("{\"Statement\":[{\"Action\":"
                    + "\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + DMS
                    + ":root\"]}}],\"Version\":\"1\"}"));
            assertThat(role.systemPolicies()).containsExactly("AliyunDMSLoginConsoleAccess");
            assertThat(role.customPolicies()).isEmpty();
        });
    }

    @Test
    void noteRemindsThatAccountAUsersNeedAssumeRoleAccess() {
        DesiredState state = rules.desiredState(access(DMS), directory());

        assertThat(state.notes()).singleElement().asString()
                .contains("AliyunSTSAssumeRoleAccess").contains(DMS).contains("dms-access");
    }

    @Test
    void customRoleNameAndDescription() {
        DmsAccessRole resource = access(DMS);
        resource.getSpec().roleName = "dms.readers";
        resource.getSpec().description = "analysts";

        DesiredRole role = rules.desiredState(resource, directory()).roles().get(0);

        assertThat(role.arn()).isEqualTo("acs:ram::" + OWNER + ":role/dms.readers");
        assertThat(role.description()).isEqualTo("managed-by ramgrants.io team-a/DmsAccessRole/console - analysts");
    }
}
