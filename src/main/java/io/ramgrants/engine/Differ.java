package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares one desired role with what was observed, path by path. Documents are compared
 * semantically; attachments are an exact set (extras on an owned role are drift too).
 */
public final class Differ {

    public RoleDiff diff(DesiredRole desired, ObservedRole observed) {
        List<Difference> found = new ArrayList<>();
        customPolicyDifferences(desired, observed, found);
        if (!observed.exists()) {
            found.add(new Difference(DiffPath.ROLE_MISSING, desired.roleName()));
            wantedAttachments(desired).forEach(p -> found.add(new Difference(DiffPath.ATTACHMENT_MISSING, key(p))));
            return new RoleDiff(desired, observed, found);
        }
        if (!PolicyDocuments.same(desired.trustPolicy(), observed.trustDocument())) {
            found.add(new Difference(DiffPath.TRUST_POLICY, desired.roleName()));
        }
        if (!Objects.equals(desired.description(), observed.description())) {
            found.add(new Difference(DiffPath.DESCRIPTION, desired.roleName()));
        }
        attachmentDifferences(desired, observed, found);
        return new RoleDiff(desired, observed, found);
    }

    /** The attachments a role must have: its system policies, then its custom policies. */
    static Set<AttachedPolicy> wantedAttachments(DesiredRole desired) {
        Set<AttachedPolicy> wanted = new LinkedHashSet<>();
        desired.systemPolicies().forEach(name -> wanted.add(new AttachedPolicy(name, PolicyType.System)));
        desired.customPolicies().forEach(p -> wanted.add(new AttachedPolicy(p.policyName(), PolicyType.Custom)));
        return wanted;
    }

    static String key(AttachedPolicy policy) {
        return policy.policyType() + "/" + policy.policyName();
    }

    private static void customPolicyDifferences(DesiredRole desired, ObservedRole observed, List<Difference> found) {
        for (DesiredCustomPolicy custom : desired.customPolicies()) {
            ObservedPolicy policy = observed.policy(custom.policyName());
            if (!policy.exists()) {
                found.add(new Difference(DiffPath.POLICY_MISSING, custom.policyName()));
            } else if (!PolicyDocuments.same(custom.document(), policy.defaultDocument())) {
                found.add(new Difference(DiffPath.POLICY_DOCUMENT, custom.policyName()));
            }
        }
    }

    private static void attachmentDifferences(DesiredRole desired, ObservedRole observed, List<Difference> found) {
        Set<AttachedPolicy> wanted = wantedAttachments(desired);
        Set<AttachedPolicy> actual = new LinkedHashSet<>(observed.attached());
        for (AttachedPolicy policy : actual) {
            if (!wanted.contains(policy)) {
                found.add(new Difference(DiffPath.ATTACHMENT_EXTRA, key(policy)));
            }
        }
        for (AttachedPolicy policy : wanted) {
            if (!actual.contains(policy)) {
                found.add(new Difference(DiffPath.ATTACHMENT_MISSING, key(policy)));
            }
        }
    }
}
