package io.ramgrants.engine;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a reconcile pass with what blocked it: a role with any conflict gets an empty
 * role plan, so nothing is ever written to it. Role plans are in the order of the desired roles.
 */
record ReconcilePlan(Plan plan, List<Conflict> conflicts, List<Boolean> conflictedRoles, List<String> notes) {

    static ReconcilePlan of(List<DesiredRole> desired, List<ObservedRole> observed, Adoption adoption,
                            Ownership ownership, Differ differ, Planner planner) {
        List<RolePlan> rolePlans = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<Boolean> conflicted = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < desired.size(); i++) {
            DesiredRole role = desired.get(i);
            ObservedRole seen = observed.get(i);
            List<Conflict> found = ownership.conflicts(role, seen, adoption);
            conflicts.addAll(found);
            conflicted.add(!found.isEmpty());
            if (found.isEmpty()) {
                rolePlans.add(planner.plan(differ.diff(role, seen)));
                notes.addAll(adoptionNotes(role, seen));
            } else {
                rolePlans.add(new RolePlan(role.accountId(), role.roleName(), List.of()));
            }
        }
        return new ReconcilePlan(Plan.withoutRepeats(rolePlans), conflicts, conflicted, notes);
    }

    boolean conflicted(int roleIndex) {
        return conflictedRoles.get(roleIndex);
    }

    private static List<String> adoptionNotes(DesiredRole role, ObservedRole seen) {
        List<String> notes = new ArrayList<>();
        if (seen.exists() && OwnerRef.fromDescription(seen.description()).isEmpty()) {
            notes.add("adopting role " + role.roleName() + " in " + role.accountId() + ": it had no ownership marker");
        }
        role.customPolicies().stream()
                .map(p -> seen.policy(p.policyName()))
                .filter(p -> p.exists() && OwnerRef.fromDescription(p.description()).isEmpty())
                .forEach(p -> notes.add("adopting policy " + p.policyName() + " in " + role.accountId()
                        + ": RAM keeps its description, so it stays without a marker and is never deleted by us"));
        return notes;
    }
}
