package io.ramgrants.ram;

import com.aliyun.ram20150501.models.CreatePolicyResponseBody.CreatePolicyResponseBodyPolicy;
import com.aliyun.ram20150501.models.CreatePolicyVersionResponseBody.CreatePolicyVersionResponseBodyPolicyVersion;
import com.aliyun.ram20150501.models.CreateRoleResponseBody.CreateRoleResponseBodyRole;
import com.aliyun.ram20150501.models.GetPolicyResponseBody;
import com.aliyun.ram20150501.models.GetRoleResponseBody.GetRoleResponseBodyRole;
import com.aliyun.ram20150501.models.ListEntitiesForPolicyResponseBody;
import com.aliyun.ram20150501.models.ListPoliciesForRoleResponseBody;
import com.aliyun.ram20150501.models.ListPoliciesResponseBody;
import com.aliyun.ram20150501.models.ListPolicyVersionsResponseBody;
import com.aliyun.ram20150501.models.ListRolesResponseBody;
import com.aliyun.ram20150501.models.UpdateRoleResponseBody.UpdateRoleResponseBodyRole;
import java.util.List;
import java.util.function.Function;

/**
 * SDK response models to our records. RAM omits empty lists and absent fields, so every
 * container is null-safe; the SDK's generated types have no common interface, hence one
 * method per type.
 */
final class RamModels {

    private RamModels() {}

    static RamRole role(GetRoleResponseBodyRole r) {
        return new RamRole(r.getRoleName(), r.getRoleId(), r.getArn(), r.getDescription(),
                r.getAssumeRolePolicyDocument(), toInteger(r.getMaxSessionDuration()), r.getCreateDate(),
                r.getUpdateDate());
    }

    static RamRole role(CreateRoleResponseBodyRole r) {
        return new RamRole(r.getRoleName(), r.getRoleId(), r.getArn(), r.getDescription(),
                r.getAssumeRolePolicyDocument(), toInteger(r.getMaxSessionDuration()), r.getCreateDate(), null);
    }

    static RamRole role(UpdateRoleResponseBodyRole r) {
        return new RamRole(r.getRoleName(), r.getRoleId(), r.getArn(), r.getDescription(),
                r.getAssumeRolePolicyDocument(), toInteger(r.getMaxSessionDuration()), r.getCreateDate(),
                r.getUpdateDate());
    }

    static RolePage rolePage(ListRolesResponseBody body) {
        List<RamRole> roles = map(body.getRoles() == null ? null : body.getRoles().getRole(),
                r -> new RamRole(r.getRoleName(), r.getRoleId(), r.getArn(), r.getDescription(), null,
                        toInteger(r.getMaxSessionDuration()), r.getCreateDate(), r.getUpdateDate()));
        boolean truncated = Boolean.TRUE.equals(body.getIsTruncated());
        return new RolePage(roles, truncated ? body.getMarker() : null);
    }

    static List<AttachedPolicy> attachedPolicies(ListPoliciesForRoleResponseBody body) {
        return map(body.getPolicies() == null ? null : body.getPolicies().getPolicy(),
                p -> new AttachedPolicy(p.getPolicyName(), PolicyType.fromRam(p.getPolicyType())));
    }

    static RamPolicy policy(GetPolicyResponseBody body) {
        GetPolicyResponseBody.GetPolicyResponseBodyPolicy p = body.getPolicy();
        GetPolicyResponseBody.GetPolicyResponseBodyDefaultPolicyVersion v = body.getDefaultPolicyVersion();
        String document = v != null && v.getPolicyDocument() != null ? v.getPolicyDocument() : p.getPolicyDocument();
        String defaultVersion = p.getDefaultVersion() != null || v == null ? p.getDefaultVersion() : v.getVersionId();
        return new RamPolicy(p.getPolicyName(), PolicyType.fromRam(p.getPolicyType()), p.getDescription(),
                defaultVersion, document, p.getAttachmentCount(), p.getCreateDate(), p.getUpdateDate());
    }

    static RamPolicy createdPolicy(CreatePolicyResponseBodyPolicy p, String documentSent) {
        return new RamPolicy(p.getPolicyName(), PolicyType.fromRam(p.getPolicyType()), p.getDescription(),
                p.getDefaultVersion(), documentSent, 0, p.getCreateDate(), p.getCreateDate());
    }

    static PolicyVersion version(CreatePolicyVersionResponseBodyPolicyVersion v) {
        return new PolicyVersion(v.getVersionId(), Boolean.TRUE.equals(v.getIsDefaultVersion()),
                v.getPolicyDocument(), v.getCreateDate());
    }

    static List<PolicyVersion> versions(ListPolicyVersionsResponseBody body) {
        return map(body.getPolicyVersions() == null ? null : body.getPolicyVersions().getPolicyVersion(),
                v -> new PolicyVersion(v.getVersionId(), Boolean.TRUE.equals(v.getIsDefaultVersion()),
                        v.getPolicyDocument(), v.getCreateDate()));
    }

    static PolicyEntities entities(ListEntitiesForPolicyResponseBody body) {
        return new PolicyEntities(
                map(body.getRoles() == null ? null : body.getRoles().getRole(), r -> r.getRoleName()),
                map(body.getUsers() == null ? null : body.getUsers().getUser(), u -> u.getUserName()),
                map(body.getGroups() == null ? null : body.getGroups().getGroup(), g -> g.getGroupName()));
    }

    static PolicyPage policyPage(ListPoliciesResponseBody body) {
        List<RamPolicy> policies = map(body.getPolicies() == null ? null : body.getPolicies().getPolicy(),
                p -> new RamPolicy(p.getPolicyName(), PolicyType.fromRam(p.getPolicyType()), p.getDescription(),
                        p.getDefaultVersion(), null, p.getAttachmentCount(), p.getCreateDate(), p.getUpdateDate()));
        boolean truncated = Boolean.TRUE.equals(body.getIsTruncated());
        return new PolicyPage(policies, truncated ? body.getMarker() : null);
    }

    private static <S, T> List<T> map(List<S> source, Function<S, T> mapper) {
        return source == null ? List.of() : source.stream().map(mapper).toList();
    }

    private static Integer toInteger(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }
}
