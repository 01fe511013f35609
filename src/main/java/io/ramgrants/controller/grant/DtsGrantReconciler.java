package io.ramgrants.controller.grant;

import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.CrossAccountDtsGrantSpec;
import java.time.Duration;

/** {@code CrossAccountDtsGrant}: also checks each role account for the DTS service role. */
public final class DtsGrantReconciler extends GrantReconciler<CrossAccountDtsGrant, CrossAccountDtsGrantSpec> {
    /** How long an account known to hold AliyunDTSDefaultRole is not asked again. */
    static final Duration SERVICE_ROLE_RECHECK = Duration.ofHours(1);

    public DtsGrantReconciler(GrantDependencies deps) {
        super(CrossAccountDtsGrant.class, deps, new DtsServiceRoleCheck(deps.clock(), SERVICE_ROLE_RECHECK));
    }
}
