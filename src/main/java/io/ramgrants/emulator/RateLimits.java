package io.ramgrants.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Flow control as RAM applies it, per account: an optional overall rate and, optionally,
 * RAM's documented per-API quotas. A call must pass both.
 */
final class RateLimits {
    /** RAM's and STS's documented per-account quotas in calls per second. */
    static final Map<String, Integer> RAM_QUOTAS = Map.ofEntries(
            Map.entry("GetRole", 100), Map.entry("ListPoliciesForRole", 100), Map.entry("ListEntitiesForPolicy", 100),
            Map.entry("ListPolicies", 100), Map.entry("GetPolicy", 100), Map.entry("GetPolicyVersion", 100),
            Map.entry("ListRoles", 100), Map.entry("ListPolicyVersions", 100),
            Map.entry("CreateRole", 20), Map.entry("DeleteRole", 20), Map.entry("UpdateRole", 20),
            Map.entry("CreatePolicy", 20), Map.entry("CreatePolicyVersion", 20), Map.entry("DeletePolicy", 20),
            Map.entry("DeletePolicyVersion", 20), Map.entry("SetDefaultPolicyVersion", 20),
            Map.entry("AttachPolicyToRole", 10), Map.entry("DetachPolicyFromRole", 10),
            Map.entry("AssumeRole", 100), Map.entry("AssumeRoleWithOIDC", 100), Map.entry("GetCallerIdentity", 100));

    private final double ratePerAccount;
    private final boolean quotas;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimits(double ratePerAccount, boolean quotas, LongSupplier nanoTime) {
        this.ratePerAccount = ratePerAccount;
        this.quotas = quotas;
        this.nanoTime = nanoTime;
    }

    boolean tryAcquire(String accountId, String action) {
        if (quotas) {
            Integer quota = RAM_QUOTAS.get(action);
            if (quota != null && !bucket(accountId + "/" + action, quota).tryAcquire()) {
                return false;
            }
        }
        return ratePerAccount <= 0 || bucket(accountId, ratePerAccount).tryAcquire();
    }

    private TokenBucket bucket(String key, double perSecond) {
        return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, nanoTime));
    }
}
