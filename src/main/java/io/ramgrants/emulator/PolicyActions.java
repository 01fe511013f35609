package io.ramgrants.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** CreatePolicy, GetPolicy, DeletePolicy, ListPolicies. Versions live in {@link PolicyVersionActions}. */
final class PolicyActions {
    private PolicyActions() {
    }

    static void register(Map<String, Action> actions) {
        actions.put("CreatePolicy", PolicyActions::createPolicy);
        actions.put("GetPolicy", PolicyActions::getPolicy);
        actions.put("DeletePolicy", PolicyActions::deletePolicy);
        actions.put("ListPolicies", PolicyActions::listPolicies);
    }

    private static Map<String, Object> createPolicy(ActionContext ctx) {
        String name = RamValidation.policyName(ctx.request());
        String document = StoredPolicyDocuments.normalise(ctx.request().required("PolicyDocument"),
                StoredPolicyDocuments.Kind.PERMISSION);
        String description = RamValidation.description(ctx.request(), "Description");
        AccountState account = ctx.account();
        synchronized (account) {
            if (account.customPolicies.containsKey(name)) {
                throw RamError.conflict("EntityAlreadyExists.Policy", "The policy already exists: " + name + ".");
            }
            if (account.customPolicies.size() >= AccountState.MAX_CUSTOM_POLICIES) {
                throw RamError.conflict("LimitExceeded.Policy",
                        "The count of policies beyond the current limits: " + AccountState.MAX_CUSTOM_POLICIES + ".");
            }
            PolicyEntry policy = new PolicyEntry(name, description, document, ctx.now());
            account.customPolicies.put(name, policy);
            return Body.of("Policy", Body.of("PolicyName", name, "PolicyType", PolicyRef.CUSTOM,
                    "Description", description, "DefaultVersion", policy.defaultVersion().versionId(),
                    "CreateDate", RamTime.format(policy.createDate)));
        }
    }

    private static Map<String, Object> getPolicy(ActionContext ctx) {
        String type = RamValidation.policyType(ctx.request());
        String name = ctx.request().required("PolicyName");
        AccountState account = ctx.account();
        synchronized (account) {
            PolicyRef ref = account.existingPolicy(type, name);
            Map<String, Object> policy = view(account, ref);
            Map<String, Object> defaultVersion = Body.of("VersionId", policy.get("DefaultVersion"),
                    "IsDefaultVersion", true, "PolicyDocument", policy.get("PolicyDocument"),
                    "CreateDate", type.equals(PolicyRef.SYSTEM) ? SystemPolicyCatalogue.UPDATE_DATE
                            : RamTime.format(account.customPolicy(name).defaultVersion().createDate()));
            return Body.of("Policy", policy, "DefaultPolicyVersion", defaultVersion);
        }
    }

    private static Map<String, Object> deletePolicy(ActionContext ctx) {
        String name = ctx.request().required("PolicyName");
        AccountState account = ctx.account();
        synchronized (account) {
            PolicyEntry policy = account.customPolicy(name);
            int holders = account.holders(new PolicyRef(PolicyRef.CUSTOM, name)).size();
            if (account.userHolders(new PolicyRef(PolicyRef.CUSTOM, name)) > 0) {
                throw RamError.conflict("DeleteConflict.Policy.User",
                        "The policy CAN NOT been attached to any user while deleting the policy: " + name + ".");
            }
            if (holders > 0
                    || account.lag.settling(ConsistencyLag.Kind.DETACHED_POLICY, AccountState.policyLagKey(name), ctx.now())) {
                throw RamError.conflict("DeleteConflict.Policy.Role",
                        "The policy is still attached to " + holders + " roles: " + name + ".");
            }
            if (policy.versions.size() > 1 || account.lag.ghostVersions(AccountState.policyLagKey(name), ctx.now()) > 0) {
                throw RamError.conflict("DeleteConflict.Policy.Version",
                        "The policy still has non-default versions; delete them first: " + name + ".");
            }
            account.customPolicies.remove(name);
            account.lag.forget(AccountState.policyLagKey(name));
            return Body.of();
        }
    }

    private static Map<String, Object> listPolicies(ActionContext ctx) {
        String type = ctx.request().param("PolicyType") == null ? null : RamValidation.policyType(ctx.request());
        int maxItems = RamValidation.maxItems(ctx.request());
        String after = PageMarker.decode(ctx.request().param("Marker"));
        AccountState account = ctx.account();
        synchronized (account) {
            TreeMap<String, PolicyRef> all = new TreeMap<>();
            if (type == null || type.equals(PolicyRef.SYSTEM)) {
                SystemPolicyCatalogue.all().forEach(p -> all.put("System/" + p.name(), new PolicyRef(PolicyRef.SYSTEM, p.name())));
            }
            if (type == null || type.equals(PolicyRef.CUSTOM)) {
                account.customPolicies.keySet().forEach(n -> all.put("Custom/" + n, new PolicyRef(PolicyRef.CUSTOM, n)));
            }
            Map<String, PolicyRef> rest = after == null ? all : all.tailMap(after, false);
            List<Map<String, Object>> page = new ArrayList<>();
            String lastKey = null;
            for (Map.Entry<String, PolicyRef> e : rest.entrySet()) {
                if (page.size() == maxItems) {
                    break;
                }
                Map<String, Object> view = view(account, e.getValue());
                view.remove("PolicyDocument");
                page.add(view);
                lastKey = e.getKey();
            }
            boolean truncated = lastKey != null && all.higherKey(lastKey) != null;
            return Body.of("IsTruncated", truncated, "Marker", truncated ? PageMarker.encode(lastKey) : null,
                    "Policies", Body.of("Policy", page));
        }
    }

    /** A policy as GetPolicy shows it, with its default document. Caller holds the lock. */
    static Map<String, Object> view(AccountState account, PolicyRef ref) {
        int attachments = account.holders(ref).size();
        if (ref.type().equals(PolicyRef.SYSTEM)) {
            SystemPolicyCatalogue.SystemPolicy p = SystemPolicyCatalogue.get(ref.name());
            return Body.of("PolicyName", p.name(), "PolicyType", PolicyRef.SYSTEM, "Description", p.description(),
                    "DefaultVersion", SystemPolicyCatalogue.DEFAULT_VERSION, "PolicyDocument", p.document(),
                    "CreateDate", SystemPolicyCatalogue.CREATE_DATE, "UpdateDate", SystemPolicyCatalogue.UPDATE_DATE,
                    "AttachmentCount", attachments);
        }
        PolicyEntry p = account.customPolicy(ref.name());
        return Body.of("PolicyName", p.name, "PolicyType", PolicyRef.CUSTOM, "Description", p.description,
                "DefaultVersion", p.defaultVersion().versionId(), "PolicyDocument", p.defaultVersion().document(),
                "CreateDate", RamTime.format(p.createDate), "UpdateDate", RamTime.format(p.updateDate),
                "AttachmentCount", attachments);
    }
}
