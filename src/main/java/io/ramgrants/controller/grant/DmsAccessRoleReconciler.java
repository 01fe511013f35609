package io.ramgrants.controller.grant;

import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsAccessRoleSpec;

/** {@code DmsAccessRole}. */
public final class DmsAccessRoleReconciler extends GrantReconciler<DmsAccessRole, DmsAccessRoleSpec> {
    public DmsAccessRoleReconciler(GrantDependencies deps) {
        super(DmsAccessRole.class, deps, Precondition.NONE);
    }
}
