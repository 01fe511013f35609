package io.ramgrants.bench;

import io.ramgrants.desired.DesiredRole;
import java.util.ArrayList;
import java.util.List;

/** The roles one grant wants in one account: what one reconcile on that account's workers handles. */
record ReconcileUnit(String accountId, BenchGrant grant, List<DesiredRole> roles) {
    ReconcileUnit {
        roles = List.copyOf(roles);
    }

    static List<ReconcileUnit> of(List<BenchGrant> grants) {
        List<ReconcileUnit> units = new ArrayList<>();
        for (BenchGrant grant : grants) {
            grant.rolesByAccount().forEach((account, roles) -> units.add(new ReconcileUnit(account, grant, roles)));
        }
        return units;
    }

    static int roleCount(List<ReconcileUnit> units) {
        return units.stream().mapToInt(u -> u.roles().size()).sum();
    }
}
