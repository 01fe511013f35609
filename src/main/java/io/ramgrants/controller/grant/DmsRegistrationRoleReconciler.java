package io.ramgrants.controller.grant;

import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DmsRegistrationRoleSpec;

/** {@code DmsRegistrationRole}. */
public final class DmsRegistrationRoleReconciler
        extends GrantReconciler<DmsRegistrationRole, DmsRegistrationRoleSpec> {
    public DmsRegistrationRoleReconciler(GrantDependencies deps) {
        super(DmsRegistrationRole.class, deps, Precondition.NONE);
    }
}
