package io.ramgrants.emulator;

import java.util.List;
import java.util.Locale;

/**
 * The resource ARNs RAM authorises an action on, from the action's parameters, as RAM's API
 * reference lists them ("RAM authorization" of each operation): a role action on
 * {@code acs:ram:*:<account>:role/<RoleName>}, a custom policy on
 * {@code acs:ram:*:<account>:policy/<PolicyName>}, a system policy on
 * {@code acs:ram:*:system:policy/<PolicyName>}, and the listings on the whole collection
 * ({@code role/*}, {@code policy/*}), which a name prefix therefore cannot narrow. Attaching
 * and detaching need both the role and the policy.
 */
final class RamResources {
    private RamResources() {}

    /** The resources {@code action} (without {@code ram:}) acts on in {@code accountId}. */
    static List<String> of(String action, String accountId, RpcRequest request) {
        return switch (action) {
            case "CreateRole", "GetRole", "UpdateRole", "DeleteRole", "ListPoliciesForRole" ->
                    List.of(role(accountId, request.param("RoleName")));
            case "ListRoles" -> List.of(role(accountId, "*"));
            case "GetUser", "ListPoliciesForUser" -> List.of(user(accountId, request.param("UserName")));
            case "AttachPolicyToUser", "DetachPolicyFromUser" -> List.of(user(accountId, request.param("UserName")),
                    policy(accountId, request.param("PolicyType"), request.param("PolicyName")));
            case "ListPolicies" -> List.of(customPolicy(accountId, "*"));
            case "AttachPolicyToRole", "DetachPolicyFromRole" -> List.of(role(accountId, request.param("RoleName")),
                    policy(accountId, request.param("PolicyType"), request.param("PolicyName")));
            case "GetPolicy", "GetPolicyVersion", "ListPolicyVersions", "ListEntitiesForPolicy" ->
                    List.of(policy(accountId, request.param("PolicyType"), request.param("PolicyName")));
            case "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
                 "SetDefaultPolicyVersion" -> List.of(customPolicy(accountId, request.param("PolicyName")));
            default -> List.of("acs:ram:*:" + accountId + ":*");
        };
    }

    /** The resource of {@code sts:AssumeRole}: the role to be assumed, in its own account. */
    static String assumedRole(Arns.Parsed target) {
        return role(target.accountId(), target.name());
    }

    private static String role(String accountId, String roleName) {
        String name = roleName == null ? "" : roleName.toLowerCase(Locale.ROOT);
        return "acs:ram:*:" + accountId + ":role/" + name;
    }

    private static String user(String accountId, String userName) {
        return "acs:ram:*:" + accountId + ":user/" + nullToEmpty(userName);
    }

    private static String policy(String accountId, String policyType, String policyName) {
        return PolicyRef.SYSTEM.equals(policyType)
                ? "acs:ram:*:system:policy/" + nullToEmpty(policyName)
                : customPolicy(accountId, policyName);
    }

    private static String customPolicy(String accountId, String policyName) {
        return "acs:ram:*:" + accountId + ":policy/" + nullToEmpty(policyName);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
