package io.ramgrants.engine.batch;

import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyEntities;
import io.ramgrants.ram.PolicyPage;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.PolicyVersion;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamPolicy;
import io.ramgrants.ram.RamRole;
import io.ramgrants.ram.RolePage;
import java.util.List;
import java.util.Optional;

/**
 * Passes every call through and tells the account's cache which role or policy a write touched,
 * whether it succeeded or not: a write that timed out may still have happened.
 */
final class WriteTrackingGateway implements RamGateway {
    private final RamGateway delegate;
    private final AccountObservationCache cache;

    WriteTrackingGateway(RamGateway delegate, AccountObservationCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public String accountId() {
        return delegate.accountId();
    }

    @Override
    public Optional<RamRole> getRole(String roleName) {
        return delegate.getRole(roleName);
    }

    @Override
    public RolePage listRoles(String marker, int maxItems) {
        return delegate.listRoles(marker, maxItems);
    }

    @Override
    public RamRole createRole(String roleName, String trustPolicyDocument, String description,
                              Integer maxSessionDuration) {
        try {
            return delegate.createRole(roleName, trustPolicyDocument, description, maxSessionDuration);
        } finally {
            cache.roleWritten(roleName);
        }
    }

    @Override
    public RamRole updateRole(String roleName, String newTrustPolicyDocument, String newDescription,
                              Integer maxSessionDuration) {
        try {
            return delegate.updateRole(roleName, newTrustPolicyDocument, newDescription, maxSessionDuration);
        } finally {
            cache.roleWritten(roleName);
        }
    }

    @Override
    public void deleteRole(String roleName) {
        try {
            delegate.deleteRole(roleName);
        } finally {
            cache.roleWritten(roleName);
        }
    }

    @Override
    public List<AttachedPolicy> listPoliciesForRole(String roleName) {
        return delegate.listPoliciesForRole(roleName);
    }

    @Override
    public void attachPolicyToRole(PolicyType type, String policyName, String roleName) {
        try {
            delegate.attachPolicyToRole(type, policyName, roleName);
        } finally {
            cache.roleWritten(roleName);
        }
    }

    @Override
    public void detachPolicyFromRole(PolicyType type, String policyName, String roleName) {
        try {
            delegate.detachPolicyFromRole(type, policyName, roleName);
        } finally {
            cache.roleWritten(roleName);
        }
    }

    @Override
    public Optional<RamPolicy> getPolicy(PolicyType type, String policyName) {
        return delegate.getPolicy(type, policyName);
    }

    @Override
    public RamPolicy createPolicy(String policyName, String document, String description) {
        try {
            return delegate.createPolicy(policyName, document, description);
        } finally {
            cache.policyWritten(policyName);
        }
    }

    @Override
    public PolicyVersion createPolicyVersion(String policyName, String document, boolean setAsDefault) {
        try {
            return delegate.createPolicyVersion(policyName, document, setAsDefault);
        } finally {
            cache.policyWritten(policyName);
        }
    }

    @Override
    public List<PolicyVersion> listPolicyVersions(PolicyType type, String policyName) {
        return delegate.listPolicyVersions(type, policyName);
    }

    @Override
    public void deletePolicyVersion(String policyName, String versionId) {
        try {
            delegate.deletePolicyVersion(policyName, versionId);
        } finally {
            cache.policyWritten(policyName);
        }
    }

    @Override
    public void deletePolicy(String policyName) {
        try {
            delegate.deletePolicy(policyName);
        } finally {
            cache.policyWritten(policyName);
        }
    }

    @Override
    public PolicyEntities listEntitiesForPolicy(PolicyType type, String policyName) {
        return delegate.listEntitiesForPolicy(type, policyName);
    }

    @Override
    public PolicyPage listPolicies(PolicyType type, String marker, int maxItems) {
        return delegate.listPolicies(type, marker, maxItems);
    }

    @Override
    public String toString() {
        return "WriteTrackingGateway[" + delegate + "]";
    }
}
