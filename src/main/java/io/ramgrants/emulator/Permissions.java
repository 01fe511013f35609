package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Authorisation of RAM users and role sessions: a root AccessKey may do anything in its account;
 * a RAM user's AccessKey, or a session from AssumeRole, may only do what the user's or the role's
 * attached policies allow, on the
 * resources RAM checks for the action ({@link RamResources}), so a test can meet RAM's 403
 * {@code NoPermission} honestly and prove a least-privilege policy sufficient.
 */
final class Permissions {
    private final Accounts accounts;

    Permissions(Accounts accounts) {
        this.accounts = accounts;
    }

    /** A RAM action (name without {@code ram:}) on the caller's own account. */
    void requireRam(Caller caller, String action, RpcRequest request) {
        if (!authorisedByPolicies(caller)) {
            return;
        }
        require(caller, "ram:" + action, RamResources.of(action, caller.accountId(), request));
    }

    /** An action of another service ({@code actiontrail:LookupEvents}) that has no resource-level permission. */
    void requireService(Caller caller, String action) {
        if (!authorisedByPolicies(caller)) {
            return;
        }
        require(caller, action, List.of("*"));
    }

    /** {@code sts:AssumeRole} of {@code target}, which may live in another account. */
    void requireAssumeRole(Caller caller, Arns.Parsed target) {
        if (!authorisedByPolicies(caller)) {
            return;
        }
        require(caller, "sts:AssumeRole", List.of(RamResources.assumedRole(target)));
    }

    private static boolean authorisedByPolicies(Caller caller) {
        return caller.type() == Caller.Type.ASSUMED_ROLE || caller.type() == Caller.Type.RAM_USER;
    }

    private void require(Caller caller, String action, List<String> resources) {
        if (!PolicyEvaluator.allows(policiesOf(caller), action, resources)) {
            throw RamError.forbidden("You are not authorized to do this action. You should be authorized by RAM.");
        }
    }

    private List<JsonNode> policiesOf(Caller caller) {
        AccountState account = accounts.of(caller.accountId());
        List<JsonNode> documents = new ArrayList<>();
        synchronized (account) {
            for (PolicyRef ref : attachmentsOf(account, caller).keySet()) {
                documents.add(StoredPolicyDocuments.parse(ref.type().equals(PolicyRef.SYSTEM)
                        ? SystemPolicyCatalogue.get(ref.name()).document()
                        : account.customPolicy(ref.name()).defaultVersion().document()));
            }
        }
        return documents;
    }

    /** The policies attached to the RAM user or the role behind the session; caller holds the lock. */
    private static Map<PolicyRef, Instant> attachmentsOf(AccountState account, Caller caller) {
        if (caller.type() == Caller.Type.RAM_USER) {
            UserEntry user = account.users.get(AccountState.key(caller.userName()));
            return user == null ? Map.of() : user.attachments;
        }
        RoleEntry role = account.roles.get(AccountState.key(caller.roleName()));
        return role == null ? Map.of() : role.attachments;
    }
}
