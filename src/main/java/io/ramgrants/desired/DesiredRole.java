package io.ramgrants.desired;

import io.ramgrants.policy.PolicyDocument;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One RAM role exactly as a grant wants it in one account: the output of the seed rules
 * and the input of the engine. {@code description} already carries the owner marker.
 */
public record DesiredRole(
        String accountId,
        String roleName,
        String description,
        PolicyDocument trustPolicy,
        Set<String> systemPolicies,
        List<DesiredCustomPolicy> customPolicies,
        OwnerRef owner) {

    public DesiredRole {
        systemPolicies = java.util.Collections.unmodifiableSet(new TreeSet<>(systemPolicies));
        customPolicies = List.copyOf(customPolicies);
    }

    /** The ARN RAM gives the role; RAM lower-cases the role part. */
    public String arn() {
        return "acs:ram::" + accountId + ":role/" + roleName.toLowerCase(Locale.ROOT);
    }
}
