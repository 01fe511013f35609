package io.ramgrants.manifest;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two grants that want the same role or custom policy in one account would overwrite each
 * other on every pass (the operator reports a ManagementConflict); offline, the later one
 * in the input is rejected so the pull request shows it.
 */
final class RamNameClashes {
    private RamNameClashes() {}

    static List<EvaluatedResource> reject(List<EvaluatedResource> evaluated) {
        Map<String, EvaluatedResource> claims = new HashMap<>();
        List<EvaluatedResource> result = new ArrayList<>();
        for (EvaluatedResource resource : evaluated) {
            List<String> clashes = new ArrayList<>();
            resource.desired().ifPresent(state -> clashes.addAll(claim(resource, state, claims)));
            result.add(clashes.isEmpty() ? resource : new EvaluatedResource(resource.source(), resource.kind(),
                    resource.namespace(), resource.name(), clashes, Optional.empty()));
        }
        return result;
    }

    private static List<String> claim(EvaluatedResource resource, DesiredState state,
            Map<String, EvaluatedResource> claims) {
        List<String> clashes = new ArrayList<>();
        for (DesiredRole role : state.roles()) {
            String what = "role " + role.roleName() + " in account " + role.accountId();
            claim(resource, "role/" + role.accountId() + "/" + role.roleName(), claims)
                    .ifPresent(other -> clashes.add(clash(resource, "spec.roleName", what, other)));
            for (DesiredCustomPolicy policy : role.customPolicies()) {
                String policyWhat = "custom policy " + policy.policyName() + " in account " + role.accountId();
                claim(resource, "policy/" + role.accountId() + "/" + policy.policyName(), claims)
                        .ifPresent(other -> clashes.add(clash(resource, "spec.policyName", policyWhat, other)));
            }
        }
        return clashes;
    }

    /** The earlier claimant of {@code key}, if another resource holds it; RAM names ignore case. */
    private static Optional<EvaluatedResource> claim(EvaluatedResource resource, String key,
            Map<String, EvaluatedResource> claims) {
        EvaluatedResource earlier = claims.putIfAbsent(key.toLowerCase(Locale.ROOT), resource);
        return earlier == null || earlier == resource ? Optional.empty() : Optional.of(earlier);
    }

    private static String clash(EvaluatedResource resource, String field, String what, EvaluatedResource other) {
        return resource.source().location() + ": " + resource.displayName() + ": " + field + ": " + what
                + " is already wanted by " + other.displayName() + " (" + other.source().location()
                + "); choose another name";
    }
}
