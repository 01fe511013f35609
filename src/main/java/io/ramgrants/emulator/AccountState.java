package io.ramgrants.emulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The RAM state of one account: roles, custom policies and who is attached to what.
 * Not thread-safe by itself: every action runs while holding this object's monitor,
 * so one account's calls are serialised and different accounts never contend.
 */
final class AccountState {
    static final int MAX_SYSTEM_POLICIES_PER_ROLE = 20;
    static final int MAX_CUSTOM_POLICIES_PER_ROLE = 10;
    static final int MAX_CUSTOM_POLICIES = 1500;

    final String accountId;
    final int maxRoles;
    /** Roles by lower-cased name: RAM role names are unique regardless of case. */
    final TreeMap<String, RoleEntry> roles = new TreeMap<>();
    final TreeMap<String, PolicyEntry> customPolicies = new TreeMap<>();
    /** RAM users by lower-cased name. */
    final TreeMap<String, UserEntry> users = new TreeMap<>();
    /** Reverse index: the roles (lower-cased names, with attach time) holding each policy. */
    private final Map<PolicyRef, Map<String, Instant>> holders = new HashMap<>();

    /** RAM catching up with recent writes (no effect unless a consistency lag is configured). */
    final ConsistencyLag lag;

    AccountState(String accountId, int maxRoles) {
        this(accountId, maxRoles, new ConsistencyLag(0, () -> java.time.Duration.ZERO));
    }

    AccountState(String accountId, int maxRoles, ConsistencyLag lag) {
        this.accountId = accountId;
        this.maxRoles = maxRoles;
        this.lag = lag;
    }

    static String roleLagKey(String roleName) {
        return "role:" + key(roleName);
    }

    static String policyLagKey(String policyName) {
        return "policy:" + policyName;
    }

    static String key(String roleName) {
        return roleName.toLowerCase(Locale.ROOT);
    }

    RoleEntry role(String roleName) {
        RoleEntry role = roles.get(key(roleName));
        if (role == null) {
            throw RamError.notFound("EntityNotExist.Role", "The role does not exist: " + roleName + ".");
        }
        return role;
    }

    UserEntry user(String userName) {
        UserEntry user = users.get(key(userName));
        if (user == null) {
            throw RamError.notFound("EntityNotExist.User", "The user does not exist: " + userName + ".");
        }
        return user;
    }

    /** Users holding the policy. */
    long userHolders(PolicyRef policy) {
        return users.values().stream().filter(u -> u.attachments.containsKey(policy)).count();
    }

    PolicyEntry customPolicy(String policyName) {
        PolicyEntry policy = customPolicies.get(policyName);
        if (policy == null) {
            throw policyNotFound(policyName);
        }
        return policy;
    }

    /** Checks that the policy exists and returns its reference. */
    PolicyRef existingPolicy(String type, String name) {
        if (PolicyRef.SYSTEM.equals(type)) {
            if (SystemPolicyCatalogue.get(name) == null) {
                throw policyNotFound(name);
            }
        } else if (PolicyRef.CUSTOM.equals(type)) {
            customPolicy(name);
        } else {
            throw RamError.badRequest("InvalidParameter.PolicyType",
                    "The parameter \"PolicyType\" must be \"System\" or \"Custom\".");
        }
        return new PolicyRef(type, name);
    }

    void attach(RoleEntry role, PolicyRef policy, Instant at) {
        role.attachments.put(policy, at);
        holders.computeIfAbsent(policy, p -> new LinkedHashMap<>()).put(key(role.roleName), at);
    }

    void detach(RoleEntry role, PolicyRef policy) {
        role.attachments.remove(policy);
        Map<String, Instant> h = holders.get(policy);
        if (h != null) {
            h.remove(key(role.roleName));
            if (h.isEmpty()) {
                holders.remove(policy);
            }
        }
    }

    /** Roles holding the policy (lower-cased names, attach time), in attach order. */
    Map<String, Instant> holders(PolicyRef policy) {
        return holders.getOrDefault(policy, Map.of());
    }

    private static RamError policyNotFound(String name) {
        return RamError.notFound("EntityNotExist.Policy", "The policy does not exist: " + name + ".");
    }
}
