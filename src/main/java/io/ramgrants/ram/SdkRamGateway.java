package io.ramgrants.ram;

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
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.ListEntitiesForPolicyRequest;
import com.aliyun.ram20150501.models.ListPoliciesForRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesRequest;
import com.aliyun.ram20150501.models.ListPolicyVersionsRequest;
import com.aliyun.ram20150501.models.ListRolesRequest;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RamGateway} over the Alibaba SDK {@code ram20150501}: one HTTP call per method, no
 * retries, no rate limit (wrap it in {@link ResilientRamGateway}, or build both through
 * {@link RamGateways}). Every failure leaves as a classified {@link RamException}.
 *
 * <p>Create calls are not idempotent. If a CreateRole or CreatePolicy times out after RAM
 * executed it, a retry answers {@link RamErrorKind#ALREADY_EXISTS} for our own write. This
 * gateway reports that faithfully; callers must re-observe (GetRole/GetPolicy) and decide from
 * the ownership marker whether the entity is theirs, never assume either way.
 */
public final class SdkRamGateway implements RamGateway {

    @FunctionalInterface
    private interface SdkCall<T> {
        T call(Client client, RuntimeOptions runtime) throws Exception;
    }

    private final String accountId;
    private final CredentialBoundClient<Client> clients;
    private final RuntimeOptions runtime;

    public SdkRamGateway(String accountId, URI ramEndpoint, CredentialProvider credentialProvider,
                         RamClientSettings settings) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clients = new CredentialBoundClient<>(ramEndpoint, settings, credentialProvider, Client::new);
        this.runtime = SdkConfigs.runtime(settings);
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public Optional<RamRole> getRole(String roleName) {
        try {
            return Optional.of(call("GetRole", (c, r) -> RamModels.role(
                    c.getRoleWithOptions(new GetRoleRequest().setRoleName(roleName), r).getBody().getRole())));
        } catch (RamException e) {
            return notFoundAsEmpty(e);
        }
    }

    @Override
    public RolePage listRoles(String marker, int maxItems) {
        return call("ListRoles", (c, r) -> RamModels.rolePage(
                c.listRolesWithOptions(new ListRolesRequest().setMarker(marker).setMaxItems(maxItems), r).getBody()));
    }

    @Override
    public RamRole createRole(String roleName, String trustPolicyDocument, String description,
                              Integer maxSessionDuration) {
        CreateRoleRequest request = new CreateRoleRequest()
                .setRoleName(roleName)
                .setAssumeRolePolicyDocument(trustPolicyDocument)
                .setDescription(description)
                .setMaxSessionDuration(maxSessionDuration == null ? null : maxSessionDuration.longValue());
        return call("CreateRole", (c, r) -> RamModels.role(c.createRoleWithOptions(request, r).getBody().getRole()));
    }

    @Override
    public RamRole updateRole(String roleName, String newTrustPolicyDocument, String newDescription,
                              Integer maxSessionDuration) {
        UpdateRoleRequest request = new UpdateRoleRequest()
                .setRoleName(roleName)
                .setNewAssumeRolePolicyDocument(newTrustPolicyDocument)
                .setNewDescription(newDescription)
                .setNewMaxSessionDuration(maxSessionDuration == null ? null : maxSessionDuration.longValue());
        return call("UpdateRole", (c, r) -> RamModels.role(c.updateRoleWithOptions(request, r).getBody().getRole()));
    }

    @Override
    public void deleteRole(String roleName) {
        call("DeleteRole", (c, r) -> c.deleteRoleWithOptions(new DeleteRoleRequest().setRoleName(roleName), r));
    }

    @Override
    public List<AttachedPolicy> listPoliciesForRole(String roleName) {
        return call("ListPoliciesForRole", (c, r) -> RamModels.attachedPolicies(c.listPoliciesForRoleWithOptions(
                new ListPoliciesForRoleRequest().setRoleName(roleName), r).getBody()));
    }

    @Override
    public void attachPolicyToRole(PolicyType type, String policyName, String roleName) {
        AttachPolicyToRoleRequest request = new AttachPolicyToRoleRequest()
                .setPolicyType(type.name()).setPolicyName(policyName).setRoleName(roleName);
        call("AttachPolicyToRole", (c, r) -> c.attachPolicyToRoleWithOptions(request, r));
    }

    @Override
    public void detachPolicyFromRole(PolicyType type, String policyName, String roleName) {
        DetachPolicyFromRoleRequest request = new DetachPolicyFromRoleRequest()
                .setPolicyType(type.name()).setPolicyName(policyName).setRoleName(roleName);
        call("DetachPolicyFromRole", (c, r) -> c.detachPolicyFromRoleWithOptions(request, r));
    }

    @Override
    public Optional<RamPolicy> getPolicy(PolicyType type, String policyName) {
        GetPolicyRequest request = new GetPolicyRequest().setPolicyType(type.name()).setPolicyName(policyName);
        try {
            return Optional.of(call("GetPolicy", (c, r) -> RamModels.policy(c.getPolicyWithOptions(request, r).getBody())));
        } catch (RamException e) {
            return notFoundAsEmpty(e);
        }
    }

    /** The returned policy's {@code defaultVersionDocument} is the document as sent (CreatePolicy does not echo it). */
    @Override
    public RamPolicy createPolicy(String policyName, String document, String description) {
        CreatePolicyRequest request = new CreatePolicyRequest()
                .setPolicyName(policyName).setPolicyDocument(document).setDescription(description);
        return call("CreatePolicy", (c, r) -> RamModels.createdPolicy(
                c.createPolicyWithOptions(request, r).getBody().getPolicy(), document));
    }

    @Override
    public PolicyVersion createPolicyVersion(String policyName, String document, boolean setAsDefault) {
        CreatePolicyVersionRequest request = new CreatePolicyVersionRequest()
                .setPolicyName(policyName).setPolicyDocument(document).setSetAsDefault(setAsDefault);
        return call("CreatePolicyVersion", (c, r) -> RamModels.version(
                c.createPolicyVersionWithOptions(request, r).getBody().getPolicyVersion()));
    }

    @Override
    public List<PolicyVersion> listPolicyVersions(PolicyType type, String policyName) {
        ListPolicyVersionsRequest request = new ListPolicyVersionsRequest()
                .setPolicyType(type.name()).setPolicyName(policyName);
        return call("ListPolicyVersions", (c, r) -> RamModels.versions(
                c.listPolicyVersionsWithOptions(request, r).getBody()));
    }

    @Override
    public void deletePolicyVersion(String policyName, String versionId) {
        DeletePolicyVersionRequest request = new DeletePolicyVersionRequest()
                .setPolicyName(policyName).setVersionId(versionId);
        call("DeletePolicyVersion", (c, r) -> c.deletePolicyVersionWithOptions(request, r));
    }

    @Override
    public void deletePolicy(String policyName) {
        call("DeletePolicy", (c, r) -> c.deletePolicyWithOptions(new DeletePolicyRequest().setPolicyName(policyName), r));
    }

    @Override
    public PolicyEntities listEntitiesForPolicy(PolicyType type, String policyName) {
        ListEntitiesForPolicyRequest request = new ListEntitiesForPolicyRequest()
                .setPolicyType(type.name()).setPolicyName(policyName);
        return call("ListEntitiesForPolicy", (c, r) -> RamModels.entities(
                c.listEntitiesForPolicyWithOptions(request, r).getBody()));
    }

    @Override
    public PolicyPage listPolicies(PolicyType type, String marker, int maxItems) {
        ListPoliciesRequest request = new ListPoliciesRequest()
                .setPolicyType(type == null ? null : type.name()).setMarker(marker).setMaxItems(maxItems);
        return call("ListPolicies", (c, r) -> RamModels.policyPage(c.listPoliciesWithOptions(request, r).getBody()));
    }

    private <T> T call(String action, SdkCall<T> sdkCall) {
        try {
            return sdkCall.call(clients.client(), runtime);
        } catch (Exception e) {
            throw RamErrors.classify(e, action);
        }
    }

    private static <T> Optional<T> notFoundAsEmpty(RamException e) {
        if (e.kind() == RamErrorKind.NOT_FOUND) {
            return Optional.empty();
        }
        throw e;
    }

    @Override
    public String toString() {
        return "SdkRamGateway[" + accountId + "]";
    }
}
