package io.ramgrants.ram;

import io.ramgrants.observability.OperatorMetrics;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Wraps any {@link RamGateway} with the account's shared rate limit, retries for retryable
 * kinds (throttling, 5xx, timeouts; never 4xx), one credential refresh on expired temporary
 * credentials, and per-attempt metrics ({@code ramgrants.ram.calls} by action and result).
 *
 * <p>Retrying a create is not idempotent: CreateRole or CreatePolicy that timed out after RAM
 * executed it answers {@link RamErrorKind#ALREADY_EXISTS} on the retry. That answer is passed
 * through unchanged; the engine re-observes the entity and decides by its ownership marker.
 * CreatePolicyVersion has no such guard (a repeat silently adds a second copy of the document,
 * or fails at the 5-version limit), so it is retried on throttling only: a 5xx surfaces, the
 * pass stops, and the next pass re-observes the policy and writes a version only if the
 * default still differs.
 */
public final class ResilientRamGateway implements RamGateway {
    private final RamGateway delegate;
    private final ResilientCalls calls;

    /**
     * @param rateLimiters       the process-wide registry; null for no limit
     * @param credentialProvider refreshed on {@link RamErrorKind#CREDENTIALS_EXPIRED}; null for no refresh
     */
    public ResilientRamGateway(RamGateway delegate, AccountRateLimiters rateLimiters,
                               CredentialProvider credentialProvider, RamClientSettings settings,
                               OperatorMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = new ResilientCalls(delegate.accountId(), rateLimiters, credentialProvider, settings, metrics);
    }

    @Override
    public String accountId() {
        return delegate.accountId();
    }

    @Override
    public Optional<RamRole> getRole(String roleName) {
        return calls.run("GetRole", () -> delegate.getRole(roleName));
    }

    @Override
    public RolePage listRoles(String marker, int maxItems) {
        return calls.run("ListRoles", () -> delegate.listRoles(marker, maxItems));
    }

    @Override
    public RamRole createRole(String roleName, String trustPolicyDocument, String description,
                              Integer maxSessionDuration) {
        return calls.run("CreateRole",
                () -> delegate.createRole(roleName, trustPolicyDocument, description, maxSessionDuration));
    }

    @Override
    public RamRole updateRole(String roleName, String newTrustPolicyDocument, String newDescription,
                              Integer maxSessionDuration) {
        return calls.run("UpdateRole",
                () -> delegate.updateRole(roleName, newTrustPolicyDocument, newDescription, maxSessionDuration));
    }

    @Override
    public void deleteRole(String roleName) {
        calls.run("DeleteRole", () -> delegate.deleteRole(roleName));
    }

    @Override
    public List<AttachedPolicy> listPoliciesForRole(String roleName) {
        return calls.run("ListPoliciesForRole", () -> delegate.listPoliciesForRole(roleName));
    }

    @Override
    public void attachPolicyToRole(PolicyType type, String policyName, String roleName) {
        calls.run("AttachPolicyToRole", () -> delegate.attachPolicyToRole(type, policyName, roleName));
    }

    @Override
    public void detachPolicyFromRole(PolicyType type, String policyName, String roleName) {
        calls.run("DetachPolicyFromRole", () -> delegate.detachPolicyFromRole(type, policyName, roleName));
    }

    @Override
    public Optional<RamPolicy> getPolicy(PolicyType type, String policyName) {
        return calls.run("GetPolicy", () -> delegate.getPolicy(type, policyName));
    }

    @Override
    public RamPolicy createPolicy(String policyName, String document, String description) {
        return calls.run("CreatePolicy", () -> delegate.createPolicy(policyName, document, description));
    }

    @Override
    public PolicyVersion createPolicyVersion(String policyName, String document, boolean setAsDefault) {
        return calls.runNonIdempotent("CreatePolicyVersion",
                () -> delegate.createPolicyVersion(policyName, document, setAsDefault));
    }

    @Override
    public List<PolicyVersion> listPolicyVersions(PolicyType type, String policyName) {
        return calls.run("ListPolicyVersions", () -> delegate.listPolicyVersions(type, policyName));
    }

    @Override
    public void deletePolicyVersion(String policyName, String versionId) {
        calls.run("DeletePolicyVersion", () -> delegate.deletePolicyVersion(policyName, versionId));
    }

    @Override
    public void deletePolicy(String policyName) {
        calls.run("DeletePolicy", () -> delegate.deletePolicy(policyName));
    }

    @Override
    public PolicyEntities listEntitiesForPolicy(PolicyType type, String policyName) {
        return calls.run("ListEntitiesForPolicy", () -> delegate.listEntitiesForPolicy(type, policyName));
    }

    @Override
    public PolicyPage listPolicies(PolicyType type, String marker, int maxItems) {
        return calls.run("ListPolicies", () -> delegate.listPolicies(type, marker, maxItems));
    }

    @Override
    public String toString() {
        return "ResilientRamGateway[" + delegate + "]";
    }
}
