package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Authorisation of role sessions: a root AccessKey may do anything in its account; a
 * session from AssumeRole may only do what the role's attached policies allow, so a test
 * can meet RAM's 403 {@code NoPermission} honestly.
 */
final class Permissions {
    private final Accounts accounts;

    Permissions(Accounts accounts) {
        this.accounts = accounts;
    }

    void require(Caller caller, String action) {
        if (caller.type() != Caller.Type.ASSUMED_ROLE) {
            return;
        }
        AccountState account = accounts.of(caller.accountId());
        List<JsonNode> documents = new ArrayList<>();
        synchronized (account) {
            RoleEntry role = account.roles.get(AccountState.key(caller.roleName()));
            if (role != null) {
                for (PolicyRef ref : role.attachments.keySet()) {
                    documents.add(PolicyDocuments.parse(ref.type().equals(PolicyRef.SYSTEM)
                            ? SystemPolicyCatalogue.get(ref.name()).document()
                            : account.customPolicy(ref.name()).defaultVersion().document()));
                }
            }
        }
        if (!PolicyEvaluator.allows(documents, action, p -> true, Map.of())) {
            throw RamError.forbidden("You are not authorized to do this action. You should be authorized by RAM.");
        }
    }
}
