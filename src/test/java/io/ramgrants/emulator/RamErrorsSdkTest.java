package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.DeletePolicyRequest;
import com.aliyun.ram20150501.models.DeletePolicyVersionRequest;
import com.aliyun.ram20150501.models.DeleteRoleRequest;
import com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.GetPolicyVersionRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.ListRolesRequest;
import com.aliyun.ram20150501.models.SetDefaultPolicyVersionRequest;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import com.aliyun.tea.TeaException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every RAM error code the emulator knows, through the real SDK, with RAM's HTTP status. */
class RamErrorsSdkTest {
    interface Call {
        void on(Client ram) throws Exception;
    }

    private static final String TRUST = Fixtures.trustFor(ACCOUNT_A);
    private static RamEmulator emu;

    @BeforeAll
    static void start() throws Exception {
        emu = RamEmulator.start(Fixtures.twoAccounts().maxRolesPerAccount(3).build(), 0);
        Client ram = Sdk.ram(emu, AK_A, SECRET_A, Sdk.Signing.ACS3);
        ram.createRole(new CreateRoleRequest().setRoleName("Existing").setAssumeRolePolicyDocument(TRUST));
        ram.createPolicy(new CreatePolicyRequest().setPolicyName("existing-policy").setPolicyDocument(Fixtures.POLICY_DOC));
        ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setRoleName("Existing").setPolicyType("Custom")
                .setPolicyName("existing-policy"));
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static Stream<Arguments> errors() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "role name chars", r -> r.createRole(role("bad_name!")), "InvalidParameter.RoleName.InvalidChars", 400);
        add(cases, "role name length", r -> r.createRole(role("a".repeat(65))), "InvalidParameter.RoleName.Length", 400);
        add(cases, "role exists (any case)", r -> r.createRole(role("EXISTING")), "EntityAlreadyExists.Role", 409);
        add(cases, "trust not JSON", r -> r.createRole(role("x").setAssumeRolePolicyDocument("{not json")),
                "MalformedPolicyDocument", 400);
        add(cases, "trust without principal", r -> r.createRole(role("x").setAssumeRolePolicyDocument(
                Fixtures.policyDoc("sts:AssumeRole"))), "MalformedPolicyDocument", 400);
        add(cases, "description length", r -> r.createRole(role("x").setDescription("d".repeat(1025))),
                "InvalidParameter.Description.Length", 400);
        add(cases, "session too short", r -> r.createRole(role("x").setMaxSessionDuration(3599L)),
                "InvalidParameter.MaxSessionDuration", 400);
        add(cases, "session too long", r -> r.updateRole(new UpdateRoleRequest().setRoleName("Existing")
                .setNewMaxSessionDuration(43201L)), "InvalidParameter.MaxSessionDuration", 400);
        add(cases, "missing role name", r -> r.createRole(new CreateRoleRequest().setAssumeRolePolicyDocument(TRUST)),
                "MissingRoleName", 400);
        add(cases, "missing trust", r -> r.createRole(new CreateRoleRequest().setRoleName("x")),
                "MissingAssumeRolePolicyDocument", 400);
        add(cases, "get missing role", r -> r.getRole(new GetRoleRequest().setRoleName("nope")), "EntityNotExist.Role", 404);
        add(cases, "update missing role", r -> r.updateRole(new UpdateRoleRequest().setRoleName("nope")
                .setNewDescription("d")), "EntityNotExist.Role", 404);
        add(cases, "delete missing role", r -> r.deleteRole(new DeleteRoleRequest().setRoleName("nope")),
                "EntityNotExist.Role", 404);
        add(cases, "delete role with attachments", r -> r.deleteRole(new DeleteRoleRequest().setRoleName("Existing")),
                "DeleteConflict.Role.Policy", 409);
        add(cases, "policy name chars", r -> r.createPolicy(policy("bad.name")), "InvalidParameter.PolicyName.InvalidChars", 400);
        add(cases, "policy name length", r -> r.createPolicy(policy("p".repeat(129))), "InvalidParameter.PolicyName.Length", 400);
        add(cases, "policy document length", r -> r.createPolicy(policy("big").setPolicyDocument(
                Fixtures.policyDoc("x".repeat(6145)))), "InvalidParameter.PolicyDocument.Length", 400);
        add(cases, "policy with principal", r -> r.createPolicy(policy("p").setPolicyDocument(TRUST)),
                "MalformedPolicyDocument", 400);
        add(cases, "policy bad effect", r -> r.createPolicy(policy("p").setPolicyDocument(
                Fixtures.policyDoc("a:b").replace("Allow", "Maybe"))), "MalformedPolicyDocument", 400);
        add(cases, "policy exists", r -> r.createPolicy(policy("existing-policy")), "EntityAlreadyExists.Policy", 409);
        add(cases, "get missing policy", r -> r.getPolicy(new GetPolicyRequest().setPolicyName("nope").setPolicyType("Custom")),
                "EntityNotExist.Policy", 404);
        add(cases, "bad policy type", r -> r.getPolicy(new GetPolicyRequest().setPolicyName("nope").setPolicyType("Bogus")),
                "InvalidParameter.PolicyType", 400);
        add(cases, "attach to missing role", r -> r.attachPolicyToRole(attach("nope", "System", "AdministratorAccess")),
                "EntityNotExist.Role", 404);
        add(cases, "attach missing policy", r -> r.attachPolicyToRole(attach("Existing", "System", "NoSuchPolicy")),
                "EntityNotExist.Policy", 404);
        add(cases, "attach twice", r -> r.attachPolicyToRole(attach("Existing", "Custom", "existing-policy")),
                "EntityAlreadyExists.Role.Policy", 409);
        add(cases, "detach not attached", r -> r.detachPolicyFromRole(new DetachPolicyFromRoleRequest().setRoleName("Existing")
                .setPolicyType("System").setPolicyName("AdministratorAccess")), "EntityNotExist.Role.Policy", 404);
        add(cases, "missing version", r -> r.getPolicyVersion(new GetPolicyVersionRequest().setPolicyName("existing-policy")
                .setPolicyType("Custom").setVersionId("v9")), "EntityNotExist.Policy.Version", 404);
        add(cases, "set missing default", r -> r.setDefaultPolicyVersion(new SetDefaultPolicyVersionRequest()
                .setPolicyName("existing-policy").setVersionId("v7")), "EntityNotExist.Policy.Version", 404);
        add(cases, "delete default version", r -> r.deletePolicyVersion(new DeletePolicyVersionRequest()
                .setPolicyName("existing-policy").setVersionId("v1")), "DeleteConflict.Policy.Version.Default", 409);
        add(cases, "delete attached policy", r -> r.deletePolicy(new DeletePolicyRequest().setPolicyName("existing-policy")),
                "DeleteConflict.Policy.Role", 409);
        add(cases, "bad rotate strategy", r -> r.createPolicyVersion(new CreatePolicyVersionRequest()
                .setPolicyName("existing-policy").setPolicyDocument(Fixtures.POLICY_DOC).setRotateStrategy("Bogus")),
                "InvalidParameter.RotateStrategy", 400);
        add(cases, "page too big", r -> r.listRoles(new ListRolesRequest().setMaxItems(1001)), "InvalidParameter.MaxItems", 400);
        // Error rendering does not depend on the signature scheme: every case signed ACS3, one per status signed v1.
        List<Arguments> out = new ArrayList<>();
        java.util.Set<Object> v1Statuses = new java.util.HashSet<>();
        for (Arguments c : cases) {
            Object[] a = c.get();
            out.add(Arguments.of(Sdk.Signing.ACS3, a[0], a[1], a[2], a[3]));
            if (v1Statuses.add(a[3])) {
                out.add(Arguments.of(Sdk.Signing.V1, a[0], a[1], a[2], a[3]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("errors")
    void ramAnswersTheRealCodeAndStatus(Sdk.Signing signing, String name, Call call, String code, int status) {
        Client ram = Sdk.ram(emu, AK_A, SECRET_A, signing);
        TeaException e = Sdk.assertError(() -> call.on(ram), code, status);
        assertThat(e.getData()).containsKey("RequestId");
        assertThat(String.valueOf(e.getData().get("Recommend"))).contains(code);
    }

    @Test
    void errorsLeaveTheAccountAsItWas() throws Exception {
        Client ram = Sdk.ram(emu, AK_A, SECRET_A, Sdk.Signing.ACS3);
        assertThat(ram.listRoles(new ListRolesRequest()).body.roles.role).extracting(r -> r.roleName).containsOnly("Existing");
    }

    @Test
    void roleAndAttachmentLimits() throws Exception {
        Client ram = Sdk.ram(emu, Fixtures.AK_B, Fixtures.SECRET_B, Sdk.Signing.ACS3);
        for (int i = 0; i < 3; i++) {
            ram.createRole(new CreateRoleRequest().setRoleName("limit-" + i).setAssumeRolePolicyDocument(TRUST));
        }
        Sdk.assertError(() -> ram.createRole(role("limit-3")), "LimitExceeded.Role", 409);
        for (int i = 0; i < 11; i++) {
            ram.createPolicy(policy("custom-" + i));
        }
        for (int i = 0; i < 10; i++) {
            ram.attachPolicyToRole(attach("limit-0", "Custom", "custom-" + i));
        }
        Sdk.assertError(() -> ram.attachPolicyToRole(attach("limit-0", "Custom", "custom-10")), "LimitExceeded.Role.Policy", 409);
    }

    private static void add(List<Arguments> cases, String name, Call call, String code, int status) {
        cases.add(Arguments.of(name, call, code, status));
    }

    private static CreateRoleRequest role(String name) {
        return new CreateRoleRequest().setRoleName(name).setAssumeRolePolicyDocument(TRUST);
    }

    private static CreatePolicyRequest policy(String name) {
        return new CreatePolicyRequest().setPolicyName(name).setPolicyDocument(Fixtures.POLICY_DOC);
    }

    private static AttachPolicyToRoleRequest attach(String role, String type, String policy) {
        return new AttachPolicyToRoleRequest().setRoleName(role).setPolicyType(type).setPolicyName(policy);
    }
}
