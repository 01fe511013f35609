package io.ramgrants.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicLong;

/** CreateRole, GetRole, UpdateRole, DeleteRole, ListRoles. */
final class RoleActions {
    private final AtomicLong roleSequence;

    RoleActions(long seed) {
        // Role IDs look like RAM's 19-digit numbers; the base is seeded so runs repeat.
        this.roleSequence = new AtomicLong(300_000_000_000_000_000L + Math.floorMod(seed, 100_000_000_000_000L) * 1000);
    }

    void register(Map<String, Action> actions) {
        actions.put("CreateRole", this::createRole);
        actions.put("GetRole", RoleActions::getRole);
        actions.put("UpdateRole", RoleActions::updateRole);
        actions.put("DeleteRole", RoleActions::deleteRole);
        actions.put("ListRoles", RoleActions::listRoles);
    }

    private Map<String, Object> createRole(ActionContext ctx) {
        String name = RamValidation.roleName(ctx.request());
        String document = StoredPolicyDocuments.normalise(ctx.request().required("AssumeRolePolicyDocument"),
                StoredPolicyDocuments.Kind.TRUST);
        String description = RamValidation.description(ctx.request(), "Description");
        Long maxSession = RamValidation.maxSessionDuration(ctx.request(), "MaxSessionDuration");
        AccountState account = ctx.account();
        synchronized (account) {
            if (account.roles.containsKey(AccountState.key(name))) {
                throw RamError.conflict("EntityAlreadyExists.Role", "The role already exists: " + name + ".");
            }
            if (account.roles.size() >= account.maxRoles) {
                throw RamError.conflict("LimitExceeded.Role",
                        "The count of roles beyond the current limits: " + account.maxRoles + ".");
            }
            RoleEntry role = new RoleEntry(String.valueOf(roleSequence.incrementAndGet()), name,
                    Arns.role(account.accountId, name), ctx.now());
            role.trustDocument = document;
            role.description = description;
            role.maxSessionDuration = maxSession != null ? maxSession : RamValidation.MIN_SESSION;
            account.roles.put(AccountState.key(name), role);
            account.lag.forget(AccountState.roleLagKey(name));
            account.lag.wrote(ConsistencyLag.Kind.CREATED_ROLE, AccountState.roleLagKey(name), ctx.now());
            Map<String, Object> view = view(role, true);
            view.remove("UpdateDate");
            return Body.of("Role", view);
        }
    }

    private static Map<String, Object> getRole(ActionContext ctx) {
        String name = RamValidation.roleName(ctx.request());
        AccountState account = ctx.account();
        synchronized (account) {
            RoleEntry role = account.role(name);
            Map<String, Object> view = view(role, true);
            String stale = account.lag.staleTrust(AccountState.roleLagKey(name), ctx.now());
            if (stale != null) {
                view.put("AssumeRolePolicyDocument", stale);
            }
            return Body.of("Role", view);
        }
    }

    private static Map<String, Object> updateRole(ActionContext ctx) {
        String name = RamValidation.roleName(ctx.request());
        String rawDocument = ctx.request().param("NewAssumeRolePolicyDocument");
        String document = rawDocument == null ? null : StoredPolicyDocuments.normalise(rawDocument, StoredPolicyDocuments.Kind.TRUST);
        String description = RamValidation.description(ctx.request(), "NewDescription");
        Long maxSession = RamValidation.maxSessionDuration(ctx.request(), "NewMaxSessionDuration");
        AccountState account = ctx.account();
        synchronized (account) {
            RoleEntry role = account.role(name);
            if (document != null) {
                if (!document.equals(role.trustDocument)) {
                    account.lag.trustChanged(AccountState.roleLagKey(name), role.trustDocument, ctx.now());
                }
                role.trustDocument = document;
            }
            if (description != null) {
                role.description = description;
            }
            // The API reference gives NewMaxSessionDuration a default (3600): absent, the role is reset to it.
            long newMaxSession = maxSession != null ? maxSession : RamValidation.MIN_SESSION;
            boolean sessionChanged = newMaxSession != role.maxSessionDuration;
            role.maxSessionDuration = newMaxSession;
            if (document != null || description != null || sessionChanged) {
                role.updateDate = ctx.now();
            }
            return Body.of("Role", view(role, true));
        }
    }

    private static Map<String, Object> deleteRole(ActionContext ctx) {
        String name = RamValidation.roleName(ctx.request());
        AccountState account = ctx.account();
        synchronized (account) {
            RoleEntry role = account.role(name);
            if (!role.attachments.isEmpty()
                    || account.lag.settling(ConsistencyLag.Kind.DETACHED_FROM_ROLE, AccountState.roleLagKey(name), ctx.now())) {
                throw RamError.conflict("DeleteConflict.Role.Policy",
                        "The role CAN NOT has any attached policy while deleting the role: " + name + ".");
            }
            account.roles.remove(AccountState.key(name));
            account.lag.forget(AccountState.roleLagKey(name));
            return Body.of();
        }
    }

    private static Map<String, Object> listRoles(ActionContext ctx) {
        int maxItems = RamValidation.maxItems(ctx.request());
        String after = PageMarker.decode(ctx.request().param("Marker"));
        AccountState account = ctx.account();
        synchronized (account) {
            NavigableMap<String, RoleEntry> rest = after == null ? account.roles : account.roles.tailMap(after, false);
            List<Map<String, Object>> page = new ArrayList<>();
            String lastKey = null;
            for (Map.Entry<String, RoleEntry> e : rest.entrySet()) {
                if (page.size() == maxItems) {
                    break;
                }
                page.add(view(e.getValue(), false));
                lastKey = e.getKey();
            }
            boolean truncated = lastKey != null && rest.higherKey(lastKey) != null;
            return Body.of("IsTruncated", truncated, "Marker", truncated ? PageMarker.encode(lastKey) : null,
                    "Roles", Body.of("Role", page));
        }
    }

    /** A role as RAM shows it; only GetRole and friends carry the trust document. */
    static Map<String, Object> view(RoleEntry role, boolean withDocument) {
        return Body.of("RoleId", role.roleId, "RoleName", role.roleName, "Arn", role.arn,
                "Description", role.description,
                "AssumeRolePolicyDocument", withDocument ? role.trustDocument : null,
                "MaxSessionDuration", role.maxSessionDuration,
                "CreateDate", RamTime.format(role.createDate), "UpdateDate", RamTime.format(role.updateDate));
    }
}
