package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Authorisation of role sessions: a root AccessKey may do anything in its account; a
 * session from AssumeRole may only do what the role's attached policies allow, on the
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
        if (caller.type() != Caller.Type.ASSUMED_ROLE) {
            return;
        }
        require(caller, "ram:" + action, RamResources.of(action, caller.accountId(), request));
    }

    /** {@code sts:AssumeRole} of {@code target}, which may live in another account. */
    void requireAssumeRole(Caller caller, Arns.Parsed target) {
        if (caller.type() != Caller.Type.ASSUMED_ROLE) {
            return;
        }
        require(caller, "sts:AssumeRole", List.of(RamResources.assumedRole(target)));
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
            RoleEntry role = account.roles.get(AccountState.key(caller.roleName()));
            if (role != null) {
                for (PolicyRef ref : role.attachments.keySet()) {
                    documents.add(StoredPolicyDocuments.parse(ref.type().equals(PolicyRef.SYSTEM)
                            ? SystemPolicyCatalogue.get(ref.name()).document()
                            : account.customPolicy(ref.name()).defaultVersion().document()));
                }
            }
        }
        return documents;
    }
}
