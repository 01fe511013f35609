package io.ramgrants.desired;

import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import java.util.List;

/** The trust policies the seeds print, with the account placeholders filled in. */
public final class TrustPolicies {
    private TrustPolicies() {}

    /** Seed 000: the task account and its DTS service may assume the role. */
    public static PolicyDocument dtsTask(String taskAccountId) {
        return PolicyDocument.of(Statement.assumeRoleBy(Principal.of(
                List.of(rootOf(taskAccountId)), List.of(taskAccountId + "@dts.aliyuncs.com"), List.of())));
    }

    /** Seed 004 part 1: the DMS service of account A may assume the role. */
    public static PolicyDocument dmsService(String dmsAccountId) {
        return PolicyDocument.of(Statement.assumeRoleBy(Principal.service(dmsAccountId + "@dms.aliyuncs.com")));
    }

    /** Seed 004 part 2: RAM identities of account A may assume the role (switch role in the console). */
    public static PolicyDocument account(String accountId) {
        return PolicyDocument.of(Statement.assumeRoleBy(Principal.ram(rootOf(accountId))));
    }

    private static String rootOf(String accountId) {
        return "acs:ram::" + accountId + ":root";
    }
}
