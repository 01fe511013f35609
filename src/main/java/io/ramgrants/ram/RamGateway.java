package io.ramgrants.ram;

import java.util.List;
import java.util.Optional;

/**
 * Every RAM call the operator makes, for one account. All RAM traffic flows through an
 * implementation of this interface, so rate limiting, retries, metrics and error
 * classification happen in one layer. Failures surface as {@link RamException}.
 *
 * <p>Documents travel as JSON strings exactly as RAM returns them; parsing and semantic
 * comparison belong to {@code io.ramgrants.policy}.
 */
public interface RamGateway {

    /** The account (numeric UID) this gateway acts in. */
    String accountId();

    /** GetRole; empty when RAM answers {@code EntityNotExist.Role}. */
    Optional<RamRole> getRole(String roleName);

    /** ListRoles, one page. {@code marker} null for the first page. */
    RolePage listRoles(String marker, int maxItems);

    RamRole createRole(String roleName, String trustPolicyDocument, String description, Integer maxSessionDuration);

    /**
     * UpdateRole; a null trust document or description leaves that field unchanged. RAM resets an
     * absent NewMaxSessionDuration to its default (3600 s), so callers pass the role's current value;
     * null sends none (only when it is unknown).
     */
    RamRole updateRole(String roleName, String newTrustPolicyDocument, String newDescription, Integer maxSessionDuration);

    void deleteRole(String roleName);

    List<AttachedPolicy> listPoliciesForRole(String roleName);

    void attachPolicyToRole(PolicyType type, String policyName, String roleName);

    void detachPolicyFromRole(PolicyType type, String policyName, String roleName);

    /** GetPolicy with the default version's document; empty on {@code EntityNotExist.Policy}. */
    Optional<RamPolicy> getPolicy(PolicyType type, String policyName);

    RamPolicy createPolicy(String policyName, String document, String description);

    PolicyVersion createPolicyVersion(String policyName, String document, boolean setAsDefault);

    List<PolicyVersion> listPolicyVersions(PolicyType type, String policyName);

    void deletePolicyVersion(String policyName, String versionId);

    void deletePolicy(String policyName);

    PolicyEntities listEntitiesForPolicy(PolicyType type, String policyName);

    /**
     * ListPolicies, one page, without documents. {@code marker} null for the first page. A default
     * so gateways written before batch observation still compile; the production stack implements it.
     */
    default PolicyPage listPolicies(PolicyType type, String marker, int maxItems) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement ListPolicies");
    }
}
