package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.engine.PlannedAction.AttachPolicy;
import io.ramgrants.engine.PlannedAction.CreatePolicy;
import io.ramgrants.engine.PlannedAction.CreatePolicyVersion;
import io.ramgrants.engine.PlannedAction.CreateRole;
import io.ramgrants.engine.PlannedAction.DeletePolicyVersion;
import io.ramgrants.engine.PlannedAction.DetachPolicy;
import io.ramgrants.engine.PlannedAction.UpdateRole;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one role's differences into ordered RAM writes: custom policies first (so they exist
 * before they are attached), then the role itself (create, or one UpdateRole for trust and
 * description), then detach extras (frees attachment slots, removes privileges early), then
 * attach what is missing.
 */
public final class Planner {

    /**
     * The plan against accounts where nothing exists yet: every role, policy and attachment is
     * created. What {@code plan} shows when RAM cannot be read, in the very words of a diffed plan.
     */
    public Plan planFromNothing(List<DesiredRole> roles) {
        Differ differ = new Differ();
        return Plan.withoutRepeats(roles.stream()
                .map(role -> plan(differ.diff(role, ObservedRole.missing(role.accountId(), role.roleName(), Map.of()))))
                .toList());
    }

    public RolePlan plan(RoleDiff diff) {
        DesiredRole desired = diff.desired();
        String account = desired.accountId();
        List<PlannedAction> actions = new ArrayList<>();
        for (DesiredCustomPolicy custom : desired.customPolicies()) {
            if (diff.has(DiffPath.POLICY_MISSING, custom.policyName())) {
                actions.add(new CreatePolicy(account, custom.policyName(), custom.document().toJson(), custom.description()));
            } else if (diff.has(DiffPath.POLICY_DOCUMENT, custom.policyName())) {
                actions.addAll(newDefaultVersion(account, custom, diff.observed().policy(custom.policyName())));
            }
        }
        actions.addAll(roleActions(diff));
        diff.at(DiffPath.ATTACHMENT_EXTRA).forEach(d -> {
            AttachedPolicy p = parse(d.subject());
            actions.add(new DetachPolicy(account, desired.roleName(), p.policyType(), p.policyName()));
        });
        diff.at(DiffPath.ATTACHMENT_MISSING).forEach(d -> {
            AttachedPolicy p = parse(d.subject());
            actions.add(new AttachPolicy(account, desired.roleName(), p.policyType(), p.policyName()));
        });
        return new RolePlan(account, desired.roleName(), actions);
    }

    private static List<PlannedAction> roleActions(RoleDiff diff) {
        DesiredRole desired = diff.desired();
        if (diff.has(DiffPath.ROLE_MISSING)) {
            return List.of(new CreateRole(desired.accountId(), desired.roleName(), desired.trustPolicy().toJson(),
                    desired.description()));
        }
        String trust = diff.has(DiffPath.TRUST_POLICY) ? desired.trustPolicy().toJson() : null;
        String description = diff.has(DiffPath.DESCRIPTION) ? desired.description() : null;
        if (trust == null && description == null) {
            return List.of();
        }
        ObservedRole observed = diff.observed();
        Integer maxSession = observed.role().map(r -> r.maxSessionDuration()).orElse(null);
        return List.of(new UpdateRole(desired.accountId(), desired.roleName(), trust, description,
                trust == null ? null : observed.trustDocument(), description == null ? null : observed.description(),
                maxSession));
    }

    private static List<PlannedAction> newDefaultVersion(String account, DesiredCustomPolicy custom,
                                                         ObservedPolicy observed) {
        List<PlannedAction> actions = new ArrayList<>();
        VersionPruning.toDeleteBefore(observed.versions(), 1).forEach(v ->
                actions.add(new DeletePolicyVersion(account, custom.policyName(), v.versionId())));
        actions.add(new CreatePolicyVersion(account, custom.policyName(), custom.document().toJson(), true,
                observed.defaultDocument()));
        return actions;
    }

    /** Reads a {@code Type/Name} attachment key as written by {@link Differ}. */
    private static AttachedPolicy parse(String key) {
        int slash = key.indexOf('/');
        return new AttachedPolicy(key.substring(slash + 1), PolicyType.fromRam(key.substring(0, slash)));
    }
}
