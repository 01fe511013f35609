package io.ramgrants.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion, SetDefaultPolicyVersion. */
final class PolicyVersionActions {
    private static final String ROTATE_NONE = "None";
    private static final String ROTATE_DELETE_OLDEST = "DeleteOldestNonDefaultVersionWhenLimitExceeded";

    private PolicyVersionActions() {
    }

    static void register(Map<String, Action> actions) {
        actions.put("CreatePolicyVersion", PolicyVersionActions::create);
        actions.put("GetPolicyVersion", PolicyVersionActions::get);
        actions.put("ListPolicyVersions", PolicyVersionActions::list);
        actions.put("DeletePolicyVersion", PolicyVersionActions::delete);
        actions.put("SetDefaultPolicyVersion", PolicyVersionActions::setDefault);
    }

    private static Map<String, Object> create(ActionContext ctx) {
        String name = ctx.request().required("PolicyName");
        String document = StoredPolicyDocuments.normalise(ctx.request().required("PolicyDocument"),
                StoredPolicyDocuments.Kind.PERMISSION);
        Boolean setAsDefault = RamValidation.booleanParam(ctx.request(), "SetAsDefault");
        String rotate = ctx.request().param("RotateStrategy");
        if (rotate == null) {
            rotate = ROTATE_NONE;
        }
        if (!rotate.equals(ROTATE_NONE) && !rotate.equals(ROTATE_DELETE_OLDEST)) {
            throw RamError.badRequest("InvalidParameter.RotateStrategy",
                    "The parameter \"RotateStrategy\" must be \"None\" or \"" + ROTATE_DELETE_OLDEST + "\".");
        }
        AccountState account = ctx.account();
        synchronized (account) {
            PolicyEntry policy = account.customPolicy(name);
            int ghosts = account.lag.ghostVersions(AccountState.policyLagKey(name), ctx.now());
            if (ghosts > 0 && rotate.equals(ROTATE_NONE) && policy.versions.size() + ghosts >= PolicyEntry.MAX_VERSIONS) {
                throw RamError.conflict("LimitExceeded.Policy.Version",
                        "Exceeded policy version limit " + PolicyEntry.MAX_VERSIONS + ": " + name + ".");
            }
            if (policy.versions.size() >= PolicyEntry.MAX_VERSIONS) {
                if (rotate.equals(ROTATE_NONE)) {
                    throw RamError.conflict("LimitExceeded.Policy.Version",
                            "Exceeded policy version limit " + PolicyEntry.MAX_VERSIONS + ": " + name + ".");
                }
                int oldestNonDefault = policy.versions.keySet().stream()
                        .filter(n -> n != policy.defaultVersion).findFirst().orElseThrow();
                policy.versions.remove(oldestNonDefault);
            }
            PolicyEntry.Version version = policy.addVersion(document, ctx.now());
            if (Boolean.TRUE.equals(setAsDefault)) {
                policy.defaultVersion = version.number();
                policy.updateDate = ctx.now();
            }
            return Body.of("PolicyVersion", view(policy, version));
        }
    }

    private static Map<String, Object> get(ActionContext ctx) {
        String type = RamValidation.policyType(ctx.request());
        String name = ctx.request().required("PolicyName");
        String versionId = ctx.request().required("VersionId");
        AccountState account = ctx.account();
        synchronized (account) {
            account.existingPolicy(type, name);
            if (type.equals(PolicyRef.SYSTEM)) {
                if (!versionId.equals(SystemPolicyCatalogue.DEFAULT_VERSION)) {
                    throw versionNotFound(name, versionId);
                }
                return Body.of("PolicyVersion", systemVersion(name));
            }
            PolicyEntry policy = account.customPolicy(name);
            return Body.of("PolicyVersion", view(policy, existingVersion(policy, versionId)));
        }
    }

    private static Map<String, Object> list(ActionContext ctx) {
        String type = RamValidation.policyType(ctx.request());
        String name = ctx.request().required("PolicyName");
        AccountState account = ctx.account();
        synchronized (account) {
            account.existingPolicy(type, name);
            List<Map<String, Object>> versions = new ArrayList<>();
            if (type.equals(PolicyRef.SYSTEM)) {
                versions.add(systemVersion(name));
            } else {
                PolicyEntry policy = account.customPolicy(name);
                policy.versions.values().forEach(v -> versions.add(view(policy, v)));
            }
            return Body.of("PolicyVersions", Body.of("PolicyVersion", versions));
        }
    }

    private static Map<String, Object> delete(ActionContext ctx) {
        return changeVersion(ctx, (policy, version, named) -> {
            if (version.number() == policy.defaultVersion) {
                throw RamError.conflict("DeleteConflict.Policy.Version.Default",
                        "The default policy version CAN NOT been deleted directly: " + named + ".");
            }
            policy.versions.remove(version.number());
            ctx.account().lag.wrote(ConsistencyLag.Kind.DELETED_VERSION, AccountState.policyLagKey(policy.name), ctx.now());
        });
    }

    private static Map<String, Object> setDefault(ActionContext ctx) {
        return changeVersion(ctx, (policy, version, named) -> {
            if (policy.defaultVersion != version.number()) {
                policy.defaultVersion = version.number();
                policy.updateDate = ctx.now();
            }
        });
    }

    /** A change to one version of a custom policy; {@code named} is "policy version" as the caller wrote them. */
    private interface VersionChange {
        void apply(PolicyEntry policy, PolicyEntry.Version version, String named);
    }

    /** Reads the request, then applies {@code change} with policy and version resolved under the account's lock. */
    private static Map<String, Object> changeVersion(ActionContext ctx, VersionChange change) {
        String name = ctx.request().required("PolicyName");
        String versionId = ctx.request().required("VersionId");
        AccountState account = ctx.account();
        synchronized (account) {
            PolicyEntry policy = account.customPolicy(name);
            change.apply(policy, existingVersion(policy, versionId), name + " " + versionId);
            return Body.of();
        }
    }

    private static PolicyEntry.Version existingVersion(PolicyEntry policy, String versionId) {
        PolicyEntry.Version version = policy.version(versionId);
        if (version == null) {
            throw versionNotFound(policy.name, versionId);
        }
        return version;
    }

    private static RamError versionNotFound(String name, String versionId) {
        return RamError.notFound("EntityNotExist.Policy.Version",
                "The policy version does not exist: " + name + " " + versionId + ".");
    }

    private static Map<String, Object> systemVersion(String name) {
        return Body.of("VersionId", SystemPolicyCatalogue.DEFAULT_VERSION, "IsDefaultVersion", true,
                "PolicyDocument", SystemPolicyCatalogue.get(name).document(),
                "CreateDate", SystemPolicyCatalogue.UPDATE_DATE);
    }

    private static Map<String, Object> view(PolicyEntry policy, PolicyEntry.Version v) {
        return Body.of("VersionId", v.versionId(), "IsDefaultVersion", v.number() == policy.defaultVersion,
                "PolicyDocument", v.document(), "CreateDate", RamTime.format(v.createDate()));
    }
}
