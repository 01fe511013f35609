package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.ram20150501.models.CreatePolicyResponseBody;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionResponseBody;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.DeletePolicyRequest;
import com.aliyun.ram20150501.models.DeletePolicyVersionRequest;
import com.aliyun.ram20150501.models.DeleteRoleRequest;
import com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.GetPolicyResponseBody;
import com.aliyun.ram20150501.models.GetPolicyVersionRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.ListEntitiesForPolicyRequest;
import com.aliyun.ram20150501.models.ListEntitiesForPolicyResponseBody;
import com.aliyun.ram20150501.models.ListPoliciesForRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesForRoleResponseBody;
import com.aliyun.ram20150501.models.ListPoliciesRequest;
import com.aliyun.ram20150501.models.ListPolicyVersionsRequest;
import com.aliyun.ram20150501.models.SetDefaultPolicyVersionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Policies, versions and attachments through the real RAM SDK, signed both ways. */
class PolicyActionsSdkTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T11:04:42Z"));
    private static RamEmulator emu;

    @BeforeAll
    static void start() {
        emu = RamEmulator.start(Fixtures.twoAccounts().clock(CLOCK).build(), 0);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    /** The SDK signs with the real time; keep the emulator's clock close to it. */
    private static void tick() {
        CLOCK.set(Instant.now());
    }

    @ParameterizedTest
    @EnumSource(Sdk.Signing.class)
    void customPolicyVersionsAndAttachments(Sdk.Signing signing) throws Exception {
        tick();
        Client ram = Sdk.ram(emu, AK_A, SECRET_A, signing);
        String policy = "dms-register-" + signing;
        String role = "dms-role-" + signing;
        CreatePolicyResponseBody.CreatePolicyResponseBodyPolicy created = ram.createPolicy(new CreatePolicyRequest()
                .setPolicyName(policy).setPolicyDocument(Fixtures.POLICY_DOC).setDescription("d")).body.policy;
        assertThat(created.policyType).isEqualTo("Custom");
        assertThat(created.defaultVersion).isEqualTo("v1");

        GetPolicyResponseBody got = ram.getPolicy(new GetPolicyRequest().setPolicyName(policy).setPolicyType("Custom")).body;
        String compact = "{\"Statement\":[{\"Action\":[\"dms:LoginDatabase\"],\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"1\"}";
        assertThat(got.policy.policyDocument).isEqualTo(compact).isNotEqualTo(Fixtures.POLICY_DOC);
        assertThat(got.defaultPolicyVersion.versionId).isEqualTo("v1");
        assertThat(got.defaultPolicyVersion.isDefaultVersion).isTrue();
        assertThat(got.defaultPolicyVersion.policyDocument).isEqualTo(compact);
        assertThat(got.policy.attachmentCount).isZero();

        ram.createRole(new CreateRoleRequest().setRoleName(role).setAssumeRolePolicyDocument(Fixtures.trustFor(ACCOUNT_A)));
        String roleUpdated = ram.getRole(new GetRoleRequest().setRoleName(role)).body.role.updateDate;
        CLOCK.advance(Duration.ofSeconds(3));
        ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setRoleName(role).setPolicyType("Custom").setPolicyName(policy));
        ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setRoleName(role).setPolicyType("System")
                .setPolicyName("AliyunDMSLoginConsoleAccess"));
        // Assumption documented in docs/emulator.md: attaching does not touch the role's UpdateDate.
        assertThat(ram.getRole(new GetRoleRequest().setRoleName(role)).body.role.updateDate).isEqualTo(roleUpdated);

        List<ListPoliciesForRoleResponseBody.ListPoliciesForRoleResponseBodyPoliciesPolicy> attached =
                ram.listPoliciesForRole(new ListPoliciesForRoleRequest().setRoleName(role)).body.policies.policy;
        assertThat(attached).extracting(p -> p.policyType + "/" + p.policyName)
                .containsExactly("Custom/" + policy, "System/AliyunDMSLoginConsoleAccess");
        assertThat(attached.get(0).defaultVersion).isEqualTo("v1");
        assertThat(attached.get(0).attachDate).isNotBlank();

        ListEntitiesForPolicyResponseBody entities = ram.listEntitiesForPolicy(new ListEntitiesForPolicyRequest()
                .setPolicyName("AliyunDMSLoginConsoleAccess").setPolicyType("System")).body;
        assertThat(entities.roles.role).extracting(r -> r.roleName).contains(role);
        assertThat(entities.users.user).isEmpty();
        assertThat(entities.groups.group).isEmpty();

        for (int i = 2; i <= 5; i++) {
            CreatePolicyVersionResponseBody.CreatePolicyVersionResponseBodyPolicyVersion v = ram.createPolicyVersion(
                    new CreatePolicyVersionRequest().setPolicyName(policy).setSetAsDefault(i == 3)
                            .setPolicyDocument(Fixtures.policyDoc("dms:Action" + i))).body.policyVersion;
            assertThat(v.versionId).isEqualTo("v" + i);
            assertThat(v.isDefaultVersion).isEqualTo(i == 3);
        }
        Sdk.assertError(() -> ram.createPolicyVersion(new CreatePolicyVersionRequest().setPolicyName(policy)
                .setPolicyDocument(Fixtures.policyDoc("dms:Six")).setRotateStrategy("None")), "LimitExceeded.Policy.Version", 409);
        CreatePolicyVersionResponseBody.CreatePolicyVersionResponseBodyPolicyVersion v6 = ram.createPolicyVersion(
                new CreatePolicyVersionRequest().setPolicyName(policy).setSetAsDefault(true)
                        .setRotateStrategy("DeleteOldestNonDefaultVersionWhenLimitExceeded")
                        .setPolicyDocument(Fixtures.policyDoc("dms:Six"))).body.policyVersion;
        assertThat(v6.versionId).isEqualTo("v6");
        assertThat(ram.listPolicyVersions(new ListPolicyVersionsRequest().setPolicyName(policy).setPolicyType("Custom"))
                .body.policyVersions.policyVersion).extracting(v -> v.versionId + (v.isDefaultVersion ? "*" : ""))
                .containsExactly("v2", "v3", "v4", "v5", "v6*");

        ram.setDefaultPolicyVersion(new SetDefaultPolicyVersionRequest().setPolicyName(policy).setVersionId("v4"));
        assertThat(ram.getPolicyVersion(new GetPolicyVersionRequest().setPolicyName(policy).setPolicyType("Custom")
                .setVersionId("v4")).body.policyVersion.isDefaultVersion).isTrue();
        assertThat(ram.getPolicy(new GetPolicyRequest().setPolicyName(policy).setPolicyType("Custom")).body.policy.policyDocument)
                .contains("dms:Action4");
        Sdk.assertError(() -> ram.deletePolicyVersion(new DeletePolicyVersionRequest().setPolicyName(policy).setVersionId("v4")),
                "DeleteConflict.Policy.Version.Default", 409);
        Sdk.assertError(() -> ram.deleteRole(new DeleteRoleRequest().setRoleName(role)), "DeleteConflict.Role.Policy", 409);
        Sdk.assertError(() -> ram.deletePolicy(new DeletePolicyRequest().setPolicyName(policy)), "DeleteConflict.Policy.Role", 409);

        ram.detachPolicyFromRole(new DetachPolicyFromRoleRequest().setRoleName(role).setPolicyType("Custom").setPolicyName(policy));
        Sdk.assertError(() -> ram.deletePolicy(new DeletePolicyRequest().setPolicyName(policy)), "DeleteConflict.Policy.Version", 409);
        for (String v : List.of("v2", "v3", "v5", "v6")) {
            ram.deletePolicyVersion(new DeletePolicyVersionRequest().setPolicyName(policy).setVersionId(v));
        }
        ram.deletePolicy(new DeletePolicyRequest().setPolicyName(policy));
        Sdk.assertError(() -> ram.getPolicy(new GetPolicyRequest().setPolicyName(policy).setPolicyType("Custom")),
                "EntityNotExist.Policy", 404);
        ram.detachPolicyFromRole(new DetachPolicyFromRoleRequest().setRoleName(role).setPolicyType("System")
                .setPolicyName("AliyunDMSLoginConsoleAccess"));
        ram.deleteRole(new DeleteRoleRequest().setRoleName(role));
    }

    @ParameterizedTest
    @EnumSource(Sdk.Signing.class)
    void systemPolicyCatalogue(Sdk.Signing signing) throws Exception {
        tick();
        Client ram = Sdk.ram(emu, AK_A, SECRET_A, signing);
        for (String name : List.of("AliyunDTSRolePolicy", "AliyunDMSLoginConsoleAccess", "AliyunSTSAssumeRoleAccess",
                "AliyunRAMReadOnlyAccess", "AliyunRAMFullAccess", "AdministratorAccess")) {
            GetPolicyResponseBody p = ram.getPolicy(new GetPolicyRequest().setPolicyName(name).setPolicyType("System")).body;
            assertThat(p.policy.policyType).isEqualTo("System");
            assertThat(p.defaultPolicyVersion.policyDocument).startsWith("{\"Statement\":[");
        }
        Sdk.assertError(() -> ram.getPolicy(new GetPolicyRequest().setPolicyName("AliyunDTSDefaultRole")
                .setPolicyType("System")), "EntityNotExist.Policy", 404);
        assertThat(ram.listPolicies(new ListPoliciesRequest().setPolicyType("System").setMaxItems(1000))
                .body.policies.policy).extracting(p -> p.policyName).contains("AliyunDTSRolePolicy", "AdministratorAccess");
        assertThat(ram.listPolicyVersions(new ListPolicyVersionsRequest().setPolicyName("AliyunDTSRolePolicy")
                .setPolicyType("System")).body.policyVersions.policyVersion).hasSize(1);
    }
}
