package io.ramgrants.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RAM-user actions an operator's key holder needs: GetUser, AttachPolicyToUser,
 * DetachPolicyFromUser, ListPoliciesForUser. Users and their AccessKeys are created out of
 * band ({@code --user}, {@code POST /_emulator/users}); their attached policies decide what
 * their keys may do ({@link Permissions}).
 */
final class UserActions {
    /** RAM: 20 system and 5 custom policies per user (error reference, LimitExceeded.User.Policy). */
    static final int MAX_SYSTEM_POLICIES_PER_USER = 20;
    static final int MAX_CUSTOM_POLICIES_PER_USER = 5;

    private UserActions() {
    }

    static void register(Map<String, Action> actions) {
        actions.put("GetUser", UserActions::getUser);
        actions.put("AttachPolicyToUser", UserActions::attach);
        actions.put("DetachPolicyFromUser", UserActions::detach);
        actions.put("ListPoliciesForUser", UserActions::list);
    }

    private static Map<String, Object> getUser(ActionContext ctx) {
        String name = ctx.request().required("UserName");
        AccountState account = ctx.account();
        synchronized (account) {
            UserEntry user = account.user(name);
            return Body.of("User", Body.of("UserId", user.userId, "UserName", user.userName,
                    "DisplayName", user.userName, "CreateDate", RamTime.format(user.createDate)));
        }
    }

    private static Map<String, Object> attach(ActionContext ctx) {
        return change(ctx, (user, policy, named) -> {
            if (user.attachments.containsKey(policy)) {
                throw RamError.conflict("EntityAlreadyExists.User.Policy",
                        "The user has already been attached this policy: " + named + ".");
            }
            boolean system = policy.type().equals(PolicyRef.SYSTEM);
            long count = user.attachments.keySet().stream().filter(p -> p.type().equals(policy.type())).count();
            if (count >= (system ? MAX_SYSTEM_POLICIES_PER_USER : MAX_CUSTOM_POLICIES_PER_USER)) {
                throw RamError.conflict("LimitExceeded.User.Policy",
                        "The policy count of the user attached policies beyond the current limits.");
            }
            user.attachments.put(policy, ctx.now());
        });
    }

    private static Map<String, Object> detach(ActionContext ctx) {
        return change(ctx, (user, policy, named) -> {
            if (user.attachments.remove(policy) == null) {
                throw RamError.notFound("EntityNotExist.User.Policy",
                        "The indicate policy of the user does not exist: " + named + ".");
            }
        });
    }

    private interface Change {
        void apply(UserEntry user, PolicyRef policy, String named);
    }

    private static Map<String, Object> change(ActionContext ctx, Change change) {
        String type = RamValidation.policyType(ctx.request());
        String policyName = ctx.request().required("PolicyName");
        String userName = ctx.request().required("UserName");
        AccountState account = ctx.account();
        synchronized (account) {
            UserEntry user = account.user(userName);
            PolicyRef policy = account.existingPolicy(type, policyName);
            change.apply(user, policy, policyName + " -> " + userName);
            return Body.of();
        }
    }

    private static Map<String, Object> list(ActionContext ctx) {
        String userName = ctx.request().required("UserName");
        AccountState account = ctx.account();
        synchronized (account) {
            UserEntry user = account.user(userName);
            List<Map<String, Object>> policies = new ArrayList<>();
            for (Map.Entry<PolicyRef, Instant> e : user.attachments.entrySet()) {
                policies.add(Body.of("PolicyName", e.getKey().name(), "PolicyType", e.getKey().type(),
                        "AttachDate", RamTime.format(e.getValue())));
            }
            return Body.of("Policies", Body.of("Policy", policies));
        }
    }
}
