package io.ramgrants.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** AttachPolicyToRole, DetachPolicyFromRole, ListPoliciesForRole, ListEntitiesForPolicy. */
final class AttachmentActions {
    private AttachmentActions() {
    }

    static void register(Map<String, Action> actions) {
        actions.put("AttachPolicyToRole", AttachmentActions::attach);
        actions.put("DetachPolicyFromRole", AttachmentActions::detach);
        actions.put("ListPoliciesForRole", AttachmentActions::listPoliciesForRole);
        actions.put("ListEntitiesForPolicy", AttachmentActions::listEntitiesForPolicy);
    }

    private static Map<String, Object> attach(ActionContext ctx) {
        return changeAttachment(ctx, (account, role, policy, named) -> {
            if (account.lag.settling(ConsistencyLag.Kind.CREATED_ROLE, AccountState.roleLagKey(role.roleName), ctx.now())) {
                throw RamError.notFound("EntityNotExist.Role", "The role does not exist: " + role.roleName + ".");
            }
            if (role.attachments.containsKey(policy)) {
                throw RamError.conflict("EntityAlreadyExists.Role.Policy",
                        "The policy is already attached to the role: " + named + ".");
            }
            int limit = policy.type().equals(PolicyRef.SYSTEM)
                    ? AccountState.MAX_SYSTEM_POLICIES_PER_ROLE : AccountState.MAX_CUSTOM_POLICIES_PER_ROLE;
            if (role.attachedCount(policy.type()) >= limit) {
                throw RamError.conflict("LimitExceeded.Role.Policy",
                        "The count of " + policy.type() + " policies attached to the role beyond the limit " + limit + ".");
            }
            account.attach(role, policy, ctx.now());
        });
    }

    private static Map<String, Object> detach(ActionContext ctx) {
        return changeAttachment(ctx, (account, role, policy, named) -> {
            if (!role.attachments.containsKey(policy)) {
                throw RamError.notFound("EntityNotExist.Role.Policy",
                        "The policy is not attached to the role: " + named + ".");
            }
            account.detach(role, policy);
            account.lag.wrote(ConsistencyLag.Kind.DETACHED_FROM_ROLE, AccountState.roleLagKey(role.roleName), ctx.now());
            if (policy.type().equals(PolicyRef.CUSTOM)) {
                account.lag.wrote(ConsistencyLag.Kind.DETACHED_POLICY, AccountState.policyLagKey(policy.name()), ctx.now());
            }
        });
    }

    /** A change to one role's attachment of one policy; {@code named} is "policy -> role" as the caller wrote them. */
    private interface AttachmentChange {
        void apply(AccountState account, RoleEntry role, PolicyRef policy, String named);
    }

    /** Reads and checks the request, then applies {@code change} with role and policy resolved under the account's lock. */
    private static Map<String, Object> changeAttachment(ActionContext ctx, AttachmentChange change) {
        String type = RamValidation.policyType(ctx.request());
        String policyName = ctx.request().required("PolicyName");
        String roleName = RamValidation.roleName(ctx.request());
        AccountState account = ctx.account();
        synchronized (account) {
            RoleEntry role = account.role(roleName);
            PolicyRef policy = account.existingPolicy(type, policyName);
            change.apply(account, role, policy, policyName + " -> " + roleName);
            return Body.of();
        }
    }

    private static Map<String, Object> listPoliciesForRole(ActionContext ctx) {
        String roleName = RamValidation.roleName(ctx.request());
        AccountState account = ctx.account();
        synchronized (account) {
            RoleEntry role = account.role(roleName);
            List<Map<String, Object>> policies = new ArrayList<>();
            for (Map.Entry<PolicyRef, Instant> e : role.attachments.entrySet()) {
                PolicyRef ref = e.getKey();
                String description;
                String defaultVersion;
                if (ref.type().equals(PolicyRef.SYSTEM)) {
                    description = SystemPolicyCatalogue.get(ref.name()).description();
                    defaultVersion = SystemPolicyCatalogue.DEFAULT_VERSION;
                } else {
                    PolicyEntry policy = account.customPolicy(ref.name());
                    description = policy.description;
                    defaultVersion = policy.defaultVersion().versionId();
                }
                policies.add(Body.of("PolicyName", ref.name(), "PolicyType", ref.type(), "Description", description,
                        "DefaultVersion", defaultVersion, "AttachDate", RamTime.format(e.getValue())));
            }
            return Body.of("Policies", Body.of("Policy", policies));
        }
    }

    private static Map<String, Object> listEntitiesForPolicy(ActionContext ctx) {
        String type = RamValidation.policyType(ctx.request());
        String policyName = ctx.request().required("PolicyName");
        AccountState account = ctx.account();
        synchronized (account) {
            PolicyRef policy = account.existingPolicy(type, policyName);
            List<Map<String, Object>> roles = new ArrayList<>();
            for (Map.Entry<String, Instant> e : account.holders(policy).entrySet()) {
                RoleEntry role = account.roles.get(e.getKey());
                roles.add(Body.of("RoleId", role.roleId, "RoleName", role.roleName, "Arn", role.arn,
                        "Description", role.description, "AttachDate", RamTime.format(e.getValue())));
            }
            return Body.of("Groups", Body.of("Group", List.of()), "Users", Body.of("User", List.of()),
                    "Roles", Body.of("Role", roles));
        }
    }
}
