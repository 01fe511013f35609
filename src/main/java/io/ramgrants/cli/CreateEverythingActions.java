package io.ramgrants.cli;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline plan: without credentials nothing can be observed, so the plan is every action
 * that creates the desired state from nothing. With credentials, the engine's diff replaces it.
 */
final class CreateEverythingActions {
    private CreateEverythingActions() {}

    static List<String> of(DesiredState state) {
        List<String> actions = new ArrayList<>();
        for (DesiredRole role : state.roles()) {
            String in = " in " + role.accountId();
            actions.add("CreateRole " + role.roleName() + in);
            role.systemPolicies().forEach(p -> actions.add("AttachPolicyToRole System " + p + " to " + role.roleName() + in));
            for (DesiredCustomPolicy policy : role.customPolicies()) {
                actions.add("CreatePolicy " + policy.policyName() + in);
                actions.add("AttachPolicyToRole Custom " + policy.policyName() + " to " + role.roleName() + in);
            }
        }
        return actions;
    }
}
