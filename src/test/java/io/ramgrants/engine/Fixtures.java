package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import java.util.List;
import java.util.Set;

/** Desired roles as the seed rules would produce them, built directly for engine tests. */
final class Fixtures {
    static final String A = "1111111111111111";
    static final String B = "2222222222222222";
    static final String TASK = "3333333333333333";
    static final OwnerRef DTS_OWNER = new OwnerRef("team-a", "CrossAccountDtsGrant", "orders");
    static final OwnerRef DMS_OWNER = new OwnerRef("team-b", "DmsRegistrationRole", "redis");
    static final OwnerRef OTHER_OWNER = new OwnerRef("team-z", "CrossAccountDtsGrant", "other");

    private Fixtures() {}

    static PolicyDocument dtsTrust(String taskAccount) {
        return PolicyDocument.of(Statement.assumeRoleBy(Principal.of(List.of("acs:ram::" + taskAccount + ":root"),
                List.of(taskAccount + "@dts.aliyuncs.com"), List.of())));
    }

    /** The DTS role of seed 000 in {@code account}, trusting the task account. */
    static DesiredRole dtsRole(String account) {
        return new DesiredRole(account, "ram-for-dts", DTS_OWNER.marker(), dtsTrust(TASK),
                Set.of("AliyunDTSRolePolicy"), List.of(), DTS_OWNER);
    }

    static PolicyDocument dmsPolicy(String... actions) {
        return PolicyDocument.of(Statement.allow(List.of(actions), List.of("*")));
    }

    /** The DMS registration role of seed 004 with its custom policy. */
    static DesiredRole dmsRole(String account, PolicyDocument policy) {
        PolicyDocument trust = PolicyDocument.of(Statement.assumeRoleBy(Principal.service(TASK + "@dms.aliyuncs.com")));
        return new DesiredRole(account, "ram-for-dms", DMS_OWNER.marker(), trust, Set.of(),
                List.of(new DesiredCustomPolicy("dms-redis-policy", policy, DMS_OWNER.marker())), DMS_OWNER);
    }

    static DesiredRole dmsRole(String account) {
        return dmsRole(account, dmsPolicy("kvstore:DescribeInstances", "vpc:DescribeVpcs"));
    }
}
