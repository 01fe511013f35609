package io.ramgrants.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which resource each RAM action is authorised on, and how Resource patterns match it. */
class ResourcePermissionsTest {
    static final String ACCOUNT = "1111111111111111";

    @Test
    void eachActionNamesTheResourcesRamChecks() {
        assertThat(resources("CreateRole", "RoleName", "Ram-For-DTS"))
                .containsExactly("acs:ram:*:" + ACCOUNT + ":role/ram-for-dts");
        assertThat(resources("ListRoles")).containsExactly("acs:ram:*:" + ACCOUNT + ":role/*");
        assertThat(resources("ListPolicies", "PolicyType", "Custom"))
                .containsExactly("acs:ram:*:" + ACCOUNT + ":policy/*");
        assertThat(resources("AttachPolicyToRole", "RoleName", "r", "PolicyType", "System", "PolicyName", "AliyunDTSRolePolicy"))
                .containsExactly("acs:ram:*:" + ACCOUNT + ":role/r", "acs:ram:*:system:policy/AliyunDTSRolePolicy");
        assertThat(resources("DetachPolicyFromRole", "RoleName", "r", "PolicyType", "Custom", "PolicyName", "p"))
                .containsExactly("acs:ram:*:" + ACCOUNT + ":role/r", "acs:ram:*:" + ACCOUNT + ":policy/p");
        assertThat(resources("ListEntitiesForPolicy", "PolicyType", "System", "PolicyName", "AliyunDTSRolePolicy"))
                .containsExactly("acs:ram:*:system:policy/AliyunDTSRolePolicy");
        assertThat(resources("CreatePolicyVersion", "PolicyName", "p"))
                .containsExactly("acs:ram:*:" + ACCOUNT + ":policy/p");
    }

    @Test
    void aStarResourceAllowsEverything() {
        List<JsonNode> policy = policy("\"ram:*\"", "\"*\"");
        assertThat(allowed(policy, "AttachPolicyToRole", "RoleName", "r", "PolicyType", "System", "PolicyName", "X")).isTrue();
        assertThat(allowed(policy, "ListRoles")).isTrue();
    }

    @Test
    void theAccountsRolesAndPoliciesDoNotCoverSystemPolicies() {
        List<JsonNode> policy = policy("\"ram:*\"",
                "[\"acs:ram:*:" + ACCOUNT + ":role/*\",\"acs:ram:*:" + ACCOUNT + ":policy/*\"]");
        assertThat(allowed(policy, "AttachPolicyToRole", "RoleName", "r", "PolicyType", "Custom", "PolicyName", "p")).isTrue();
        assertThat(allowed(policy, "AttachPolicyToRole", "RoleName", "r", "PolicyType", "System",
                "PolicyName", "AliyunDTSRolePolicy")).isFalse();
        assertThat(allowed(policy, "ListRoles")).isTrue();
        assertThat(allowed(policy, "ListPolicies", "PolicyType", "Custom")).isTrue();
    }

    @Test
    void aNamePrefixCoversNamedRolesButNotTheListing() {
        List<JsonNode> policy = policy("\"ram:*\"", "\"acs:ram:*:" + ACCOUNT + ":role/ram-for-dts*\"");
        assertThat(allowed(policy, "GetRole", "RoleName", "ram-for-dts-orders")).isTrue();
        assertThat(allowed(policy, "CreateRole", "RoleName", "RAM-FOR-DTS")).isTrue();
        assertThat(allowed(policy, "GetRole", "RoleName", "admin")).isFalse();
        assertThat(allowed(policy, "ListRoles")).isFalse();
    }

    @Test
    void anotherAccountsArnOrAnEmptyRegionDoesNotMatch() {
        assertThat(allowed(policy("\"ram:GetRole\"", "\"acs:ram:*:2222222222222222:role/*\""), "GetRole", "RoleName", "r"))
                .isFalse();
        assertThat(allowed(policy("\"ram:GetRole\"", "\"acs:ram::" + ACCOUNT + ":role/*\""), "GetRole", "RoleName", "r"))
                .isFalse();
        assertThat(allowed(policy("\"ram:GetRole\"", "\"acs:ram:*:*:role/*\""), "GetRole", "RoleName", "r")).isTrue();
    }

    @Test
    void denyOnOneResourceWinsAndNotResourceExcludes() {
        String allowAll = "{\"Effect\":\"Allow\",\"Action\":\"ram:*\",\"Resource\":\"*\"}";
        String denySystem = "{\"Effect\":\"Deny\",\"Action\":\"ram:AttachPolicyToRole\",\"Resource\":\"acs:ram:*:system:policy/Admin*\"}";
        List<JsonNode> policy = List.of(StoredPolicyDocuments.parse(
                "{\"Version\":\"1\",\"Statement\":[" + allowAll + "," + denySystem + "]}"));
        assertThat(allowed(policy, "AttachPolicyToRole", "RoleName", "r", "PolicyType", "System",
                "PolicyName", "AdministratorAccess")).isFalse();
        assertThat(allowed(policy, "AttachPolicyToRole", "RoleName", "r", "PolicyType", "System",
                "PolicyName", "AliyunDTSRolePolicy")).isTrue();

        List<JsonNode> notResource = List.of(StoredPolicyDocuments.parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"ram:GetRole\",\"NotResource\":\"acs:ram:*:*:role/secret*\"}]}"));
        assertThat(allowed(notResource, "GetRole", "RoleName", "public")).isTrue();
        assertThat(allowed(notResource, "GetRole", "RoleName", "secret-admin")).isFalse();
    }

    @Test
    void assumeRoleIsAuthorisedOnTheTargetRole() {
        Arns.Parsed target = Arns.parseRole("acs:ram::2222222222222222:role/ram-grant-operator");
        assertThat(RamResources.assumedRole(target)).isEqualTo("acs:ram:*:2222222222222222:role/ram-grant-operator");
        List<JsonNode> policy = List.of(StoredPolicyDocuments.parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"acs:ram:*:2222222222222222:role/ram-grant-operator\"}]}"));
        assertThat(PolicyEvaluator.allows(policy, "sts:AssumeRole", List.of(RamResources.assumedRole(target)))).isTrue();
        assertThat(PolicyEvaluator.allows(policy, "sts:AssumeRole",
                List.of(RamResources.assumedRole(Arns.parseRole("acs:ram::2222222222222222:role/admin"))))).isFalse();
    }

    private static List<JsonNode> policy(String action, String resource) {
        return List.of(StoredPolicyDocuments.parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + action
                + ",\"Resource\":" + resource + "}]}"));
    }

    private static boolean allowed(List<JsonNode> policy, String action, String... params) {
        return PolicyEvaluator.allows(policy, "ram:" + action, resources(action, params));
    }

    private static List<String> resources(String action, String... params) {
        Map<String, String> query = new java.util.HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            query.put(params[i], params[i + 1]);
        }
        return RamResources.of(action, ACCOUNT, new RpcRequest("POST", "/", query, Map.of(), Map.of(), new byte[0]));
    }
}
