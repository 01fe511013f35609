package io.ramgrants.engine;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.DeleteRoleRequest;
import com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.GetRoleResponseBody;
import com.aliyun.ram20150501.models.ListPoliciesForRoleRequest;
import com.aliyun.ram20150501.models.ListPolicyVersionsRequest;
import com.aliyun.ram20150501.models.ListPolicyVersionsResponseBody.ListPolicyVersionsResponseBodyPolicyVersionsPolicyVersion;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import com.aliyun.teaopenapi.models.Config;
import java.util.List;

/**
 * Someone editing RAM out of band, the way a console user or script would: ordinary signed
 * RAM calls through the official SDK, bypassing the operator's gateway.
 */
public final class ConsoleUser {
    private final Client ram;

    public ConsoleUser(int port, String accessKeyId, String accessKeySecret) {
        try {
            ram = new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                    .setEndpoint("127.0.0.1:" + port).setProtocol("HTTP"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    interface SdkCall<T> {
        T call() throws Exception;
    }

    private static <T> T sdk(SdkCall<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException("console call failed: " + e.getMessage(), e);
        }
    }

    public void createRole(String role, String trust, String description) {
        sdk(() -> ram.createRole(new CreateRoleRequest().setRoleName(role).setAssumeRolePolicyDocument(trust)
                .setDescription(description)));
    }

    public void updateTrust(String role, String trust) {
        sdk(() -> ram.updateRole(new UpdateRoleRequest().setRoleName(role).setNewAssumeRolePolicyDocument(trust)));
    }

    /** An administrator edits the trust policy and lengthens sessions to {@code maxSessionSeconds}. */
    public void updateTrustAndSession(String role, String trust, long maxSessionSeconds) {
        sdk(() -> ram.updateRole(new UpdateRoleRequest().setRoleName(role).setNewAssumeRolePolicyDocument(trust)
                .setNewMaxSessionDuration(maxSessionSeconds)));
    }

    public void updateDescription(String role, String description) {
        sdk(() -> ram.updateRole(new UpdateRoleRequest().setRoleName(role).setNewDescription(description)));
    }

    public void attach(String type, String policy, String role) {
        sdk(() -> ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType(type).setPolicyName(policy)
                .setRoleName(role)));
    }

    public void detach(String type, String policy, String role) {
        sdk(() -> ram.detachPolicyFromRole(new DetachPolicyFromRoleRequest().setPolicyType(type)
                .setPolicyName(policy).setRoleName(role)));
    }

    public void deleteRole(String role) {
        sdk(() -> ram.deleteRole(new DeleteRoleRequest().setRoleName(role)));
    }

    public void createPolicy(String policy, String document, String description) {
        sdk(() -> ram.createPolicy(new CreatePolicyRequest().setPolicyName(policy).setPolicyDocument(document)
                .setDescription(description)));
    }

    public void newDefaultVersion(String policy, String document) {
        sdk(() -> ram.createPolicyVersion(new CreatePolicyVersionRequest().setPolicyName(policy)
                .setPolicyDocument(document).setSetAsDefault(true)));
    }

    public GetRoleResponseBody.GetRoleResponseBodyRole role(String role) {
        return sdk(() -> ram.getRole(new GetRoleRequest().setRoleName(role)).body.role);
    }

    public List<String> attached(String role) {
        return sdk(() -> ram.listPoliciesForRole(new ListPoliciesForRoleRequest().setRoleName(role)))
                .body.policies.policy.stream().map(p -> p.policyType + "/" + p.policyName).toList();
    }

    public List<ListPolicyVersionsResponseBodyPolicyVersionsPolicyVersion> versions(String policy) {
        return sdk(() -> ram.listPolicyVersions(new ListPolicyVersionsRequest().setPolicyType("Custom")
                .setPolicyName(policy))).body.policyVersions.policyVersion;
    }
}
