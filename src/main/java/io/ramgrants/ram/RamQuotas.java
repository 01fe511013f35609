package io.ramgrants.ram;

import java.util.Map;

/**
 * RAM's and STS's per-account, per-API quotas in calls per second (RAM's API quota page for
 * version 2015-05-01, see docs/scale.md; QuotaTablesAgreeTest checks them against the emulator's
 * transcription of that page, and names the few no page documents). Each
 * API has its own window, so a client that spends one uniform budget on all actions either
 * overruns the 10/s attach quota or wastes the 100/s read quotas; budgets per action avoid both.
 */
public final class RamQuotas {
    /** The quota of every action the operator calls; undocumented reads as 100/s and writes as 20/s. */
    public static final Map<String, Integer> PER_SECOND = Map.ofEntries(
            Map.entry("GetRole", 100), Map.entry("ListPoliciesForRole", 100), Map.entry("ListEntitiesForPolicy", 100),
            Map.entry("ListPolicies", 100), Map.entry("GetPolicy", 100), Map.entry("GetPolicyVersion", 100),
            Map.entry("ListRoles", 100), Map.entry("ListPolicyVersions", 100),
            Map.entry("CreateRole", 20), Map.entry("DeleteRole", 20), Map.entry("UpdateRole", 20),
            Map.entry("CreatePolicy", 20), Map.entry("CreatePolicyVersion", 20), Map.entry("DeletePolicy", 20),
            Map.entry("DeletePolicyVersion", 20), Map.entry("SetDefaultPolicyVersion", 20),
            Map.entry("AttachPolicyToRole", 10), Map.entry("DetachPolicyFromRole", 10),
            Map.entry("AssumeRole", 100), Map.entry("AssumeRoleWithOIDC", 100), Map.entry("GetCallerIdentity", 100));

    /** For an action RAM lists no quota for: its slowest quota, so we never overrun an unknown window. */
    public static final int UNLISTED = 10;

    private RamQuotas() {}

    public static int perSecond(String action) {
        return PER_SECOND.getOrDefault(action, UNLISTED);
    }
}
