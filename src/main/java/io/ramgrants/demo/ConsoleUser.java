package io.ramgrants.demo;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesForRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesForRoleResponseBody.ListPoliciesForRoleResponseBodyPoliciesPolicy;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import com.aliyun.teaopenapi.models.Config;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A person changing RAM behind the operator's back, as in the console: signed calls through
 * the official RAM SDK with one account's own AccessKey. It counts its calls so the summary
 * can tell the operator's RAM calls from the person's.
 */
final class ConsoleUser {
    private final DemoAccount account;
    private final Client ram;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    ConsoleUser(DemoAccount account, int emulatorPort) {
        this.account = account;
        try {
            this.ram = new Client(new Config().setAccessKeyId(account.accessKeyId())
                    .setAccessKeySecret(account.accessKeySecret())
                    .setEndpoint("127.0.0.1:" + emulatorPort).setProtocol("HTTP"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the RAM SDK client", e);
        }
    }

    DemoAccount account() {
        return account;
    }

    void createRole(String roleName, String trustPolicy, String description) {
        call("CreateRole", () -> ram.createRole(new CreateRoleRequest().setRoleName(roleName)
                .setAssumeRolePolicyDocument(trustPolicy).setDescription(description)));
    }

    void attachSystemPolicy(String policyName, String roleName) {
        call("AttachPolicyToRole", () -> ram.attachPolicyToRole(new AttachPolicyToRoleRequest()
                .setPolicyType("System").setPolicyName(policyName).setRoleName(roleName)));
    }

    void replaceTrustPolicy(String roleName, String trustPolicy) {
        call("UpdateRole", () -> ram.updateRole(new UpdateRoleRequest().setRoleName(roleName)
                .setNewAssumeRolePolicyDocument(trustPolicy)));
    }

    void newDefaultPolicyVersion(String policyName, String document) {
        call("CreatePolicyVersion", () -> ram.createPolicyVersion(new CreatePolicyVersionRequest()
                .setPolicyName(policyName).setPolicyDocument(document).setSetAsDefault(true)));
    }

    String trustPolicy(String roleName) {
        return call("GetRole", () -> ram.getRole(new GetRoleRequest().setRoleName(roleName)))
                .getBody().getRole().getAssumeRolePolicyDocument();
    }

    /** "Type:Name" of each policy attached to the role, e.g. {@code System:AliyunDTSRolePolicy}. */
    List<String> attachedPolicies(String roleName) {
        return attached(roleName).stream().map(p -> p.getPolicyType() + ":" + p.getPolicyName()).sorted().toList();
    }

    /** The custom policy attached to the role (the one a person would open in the console). */
    String customPolicyOf(String roleName) {
        return attached(roleName).stream().filter(p -> "Custom".equals(p.getPolicyType()))
                .map(ListPoliciesForRoleResponseBodyPoliciesPolicy::getPolicyName).findFirst()
                .orElseThrow(() -> new IllegalStateException("role " + roleName + " has no custom policy"));
    }

    String defaultPolicyDocument(String policyName) {
        return call("GetPolicy", () -> ram.getPolicy(new GetPolicyRequest().setPolicyType("Custom")
                .setPolicyName(policyName))).getBody().getDefaultPolicyVersion().getPolicyDocument();
    }

    /** Calls this person made, by action. */
    Map<String, Long> calls() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((action, count) -> counts.put(action, count.sum()));
        return counts;
    }

    private List<ListPoliciesForRoleResponseBodyPoliciesPolicy> attached(String roleName) {
        return call("ListPoliciesForRole", () -> ram.listPoliciesForRole(
                new ListPoliciesForRoleRequest().setRoleName(roleName))).getBody().getPolicies().getPolicy();
    }

    private interface SdkCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String action, SdkCall<T> call) {
        calls.computeIfAbsent(action, a -> new LongAdder()).increment();
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException("console " + action + " in account " + account.accountId()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
