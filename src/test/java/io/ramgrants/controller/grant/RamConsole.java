package io.ramgrants.controller.grant;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesForRoleRequest;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import com.aliyun.teaopenapi.models.Config;
import io.ramgrants.emulator.RamEmulator;
import java.util.List;
import java.util.Optional;

/**
 * A person editing RAM out of band, as in the console or a script: signed calls through the
 * official SDK with the account's own AccessKey, never through the operator.
 */
final class RamConsole {
    private final Client ram;

    RamConsole(RamEmulator emulator, String accessKeyId, String accessKeySecret) {
        try {
            ram = new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                    .setEndpoint("127.0.0.1:" + emulator.port()).setProtocol("HTTP"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException("console call failed: " + e.getMessage(), e);
        }
    }

    void createRole(String role, String trust, String description) {
        call(() -> ram.createRole(new CreateRoleRequest().setRoleName(role).setAssumeRolePolicyDocument(trust)
                .setDescription(description)));
    }

    void updateTrust(String role, String trust) {
        call(() -> ram.updateRole(new UpdateRoleRequest().setRoleName(role).setNewAssumeRolePolicyDocument(trust)));
    }

    void attachSystemPolicy(String policy, String role) {
        call(() -> ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("System")
                .setPolicyName(policy).setRoleName(role)));
    }

    void newDefaultPolicyVersion(String policy, String document) {
        call(() -> ram.createPolicyVersion(new CreatePolicyVersionRequest().setPolicyName(policy)
                .setPolicyDocument(document).setSetAsDefault(true)));
    }

    Optional<String> trust(String role) {
        try {
            return Optional.of(ram.getRole(new GetRoleRequest().setRoleName(role)).getBody().getRole()
                    .getAssumeRolePolicyDocument());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    boolean roleExists(String role) {
        return trust(role).isPresent();
    }

    List<String> attachedPolicies(String role) {
        return call(() -> ram.listPoliciesForRole(new ListPoliciesForRoleRequest().setRoleName(role)).getBody()
                .getPolicies().getPolicy().stream().map(p -> p.getPolicyName()).toList());
    }

    void detachSystemPolicy(String policy, String role) {
        call(() -> ram.detachPolicyFromRole(new com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest()
                .setPolicyType("System").setPolicyName(policy).setRoleName(role)));
    }

    /**
     * Everything in the account whose name starts with {@code prefix}: {@code role NAME} with its
     * attachments as {@code Type/Name}, and {@code policy NAME} for each custom policy (with no
     * value). Read with ListRoles and ListPolicies, as a person auditing the account would.
     */
    java.util.SortedMap<String, List<String>> inventory(String prefix) {
        java.util.SortedMap<String, List<String>> all = new java.util.TreeMap<>();
        call(() -> ram.listRoles(new com.aliyun.ram20150501.models.ListRolesRequest().setMaxItems(1000)))
                .getBody().getRoles().getRole().stream().map(r -> r.getRoleName()).filter(n -> n.startsWith(prefix))
                .forEach(name -> all.put("role " + name, call(() -> ram.listPoliciesForRole(
                        new ListPoliciesForRoleRequest().setRoleName(name))).getBody().getPolicies().getPolicy()
                        .stream().map(p -> p.getPolicyType() + "/" + p.getPolicyName()).sorted().toList()));
        call(() -> ram.listPolicies(new com.aliyun.ram20150501.models.ListPoliciesRequest().setPolicyType("Custom")
                .setMaxItems(1000))).getBody().getPolicies().getPolicy().stream().map(p -> p.getPolicyName())
                .filter(n -> n.startsWith(prefix)).forEach(name -> all.put("policy " + name, List.of()));
        return all;
    }

    void updateDescription(String role, String description) {
        call(() -> ram.updateRole(new UpdateRoleRequest().setRoleName(role).setNewDescription(description)));
    }

    /** Detaches every policy (RAM refuses to delete a role holding one), then deletes the role. */
    void deleteRole(String role) {
        call(() -> {
            for (var p : ram.listPoliciesForRole(new ListPoliciesForRoleRequest().setRoleName(role)).getBody()
                    .getPolicies().getPolicy()) {
                ram.detachPolicyFromRole(new com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest()
                        .setPolicyType(p.getPolicyType()).setPolicyName(p.getPolicyName()).setRoleName(role));
            }
            return ram.deleteRole(new com.aliyun.ram20150501.models.DeleteRoleRequest().setRoleName(role));
        });
    }

    String description(String role) {
        return call(() -> ram.getRole(new GetRoleRequest().setRoleName(role)).getBody().getRole().getDescription());
    }

    String policyDocument(String policy) {
        return call(() -> ram.getPolicy(new GetPolicyRequest().setPolicyType("Custom").setPolicyName(policy))
                .getBody().getDefaultPolicyVersion().getPolicyDocument());
    }
}
