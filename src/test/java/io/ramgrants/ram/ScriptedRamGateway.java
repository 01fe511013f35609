package io.ramgrants.ram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake gateway for the resilience tests: each action fails with the scripted exceptions, in
 * order, then succeeds with a fixed answer; every call is counted.
 */
final class ScriptedRamGateway implements RamGateway {
    private final String accountId;
    private final Map<String, Deque<RuntimeException>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    ScriptedRamGateway(String accountId) {
        this.accountId = accountId;
    }

    ScriptedRamGateway failNext(String action, RuntimeException... nextFailures) {
        failures.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(List.of(nextFailures));
        return this;
    }

    int calls(String action) {
        AtomicInteger count = calls.get(action);
        return count == null ? 0 : count.get();
    }

    static RamException error(RamErrorKind kind, String code, int status) {
        return new RamException(kind, code, status, "scripted", "scripted failure", "req-1", null);
    }

    private void step(String action) {
        calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
        Deque<RuntimeException> queue = failures.get(action);
        RuntimeException next = queue == null ? null : queue.poll();
        if (next != null) {
            throw next;
        }
    }

    private static RamRole role(String name) {
        return new RamRole(name, "id-" + name, "acs:ram::1:role/" + name.toLowerCase(), null, "{}", 3600, null, null);
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public Optional<RamRole> getRole(String roleName) {
        step("GetRole");
        return Optional.of(role(roleName));
    }

    @Override
    public RolePage listRoles(String marker, int maxItems) {
        step("ListRoles");
        return new RolePage(List.of(role("a")), null);
    }

    @Override
    public RamRole createRole(String roleName, String trustPolicyDocument, String description,
                              Integer maxSessionDuration) {
        step("CreateRole");
        return role(roleName);
    }

    @Override
    public RamRole updateRole(String roleName, String newTrustPolicyDocument, String newDescription,
                              Integer maxSessionDuration) {
        step("UpdateRole");
        return role(roleName);
    }

    @Override
    public void deleteRole(String roleName) {
        step("DeleteRole");
    }

    @Override
    public List<AttachedPolicy> listPoliciesForRole(String roleName) {
        step("ListPoliciesForRole");
        return List.of(new AttachedPolicy("AliyunDTSRolePolicy", PolicyType.System));
    }

    @Override
    public void attachPolicyToRole(PolicyType type, String policyName, String roleName) {
        step("AttachPolicyToRole");
    }

    @Override
    public void detachPolicyFromRole(PolicyType type, String policyName, String roleName) {
        step("DetachPolicyFromRole");
    }

    @Override
    public Optional<RamPolicy> getPolicy(PolicyType type, String policyName) {
        step("GetPolicy");
        return Optional.empty();
    }

    @Override
    public RamPolicy createPolicy(String policyName, String document, String description) {
        step("CreatePolicy");
        return new RamPolicy(policyName, PolicyType.Custom, description, "v1", document, 0, null, null);
    }

    @Override
    public PolicyVersion createPolicyVersion(String policyName, String document, boolean setAsDefault) {
        step("CreatePolicyVersion");
        return new PolicyVersion("v2", setAsDefault, document, null);
    }

    @Override
    public List<PolicyVersion> listPolicyVersions(PolicyType type, String policyName) {
        step("ListPolicyVersions");
        return List.of();
    }

    @Override
    public void deletePolicyVersion(String policyName, String versionId) {
        step("DeletePolicyVersion");
    }

    @Override
    public void deletePolicy(String policyName) {
        step("DeletePolicy");
    }

    @Override
    public PolicyEntities listEntitiesForPolicy(PolicyType type, String policyName) {
        step("ListEntitiesForPolicy");
        return new PolicyEntities(List.of(), List.of(), List.of());
    }
}
