package io.ramgrants.desired.validation;

import io.ramgrants.api.DmsRegistrationRoleSpec;
import io.ramgrants.api.FieldPatterns;
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.AccountFacts;
import io.ramgrants.desired.DmsRegistrationRules;
import io.ramgrants.policy.PolicyDocument;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Seed 004 part 1 rules for {@code DmsRegistrationRole}, the CRD's schema included. */
public final class DmsRegistrationValidator {
    public List<ValidationError> validate(String namespace, DmsRegistrationRoleSpec spec, AccountDirectory accounts) {
        SpecChecks checks = new SpecChecks();
        if (!checks.required(spec, "spec", "ownerAccountRef, dmsAccountId and databaseTypes")) {
            return checks.errors();
        }
        Optional<AccountFacts> owner = checks.accountRef(spec.ownerAccountRef, "spec.ownerAccountRef", namespace, accounts);
        checks.accountId(spec.dmsAccountId, "spec.dmsAccountId", "account A, whose DMS registers the databases");
        if (spec.databaseTypes == null || spec.databaseTypes.isEmpty()) {
            checks.error("spec.databaseTypes", "list at least one database type, e.g. [Redis]");
        } else if (spec.databaseTypes.stream().anyMatch(Objects::isNull)) {
            checks.error("spec.databaseTypes", "contains an empty entry; list database types such as Redis or RdsMySQL");
        }
        if (spec.networkTypes != null && spec.networkTypes.stream().anyMatch(Objects::isNull)) {
            checks.error("spec.networkTypes", "contains an empty entry; use Internet, VPC or ExpressConnect");
        }
        checks.roleName(spec.roleName, "spec.roleName");
        checks.matches(spec.policyName, FieldPatterns.POLICY_NAME, "spec.policyName", SpecChecks.POLICY_NAME_HINT);
        checks.commonGrantFields(spec);
        DmsRegistrationRules.permissionPolicy(spec).map(PolicyDocument::length)
                .filter(length -> length > FieldPatterns.MAX_POLICY_DOCUMENT_LENGTH)
                .ifPresent(length -> checks.error("spec.databaseTypes", "the custom policy would be " + length
                        + " characters, over RAM's limit of " + FieldPatterns.MAX_POLICY_DOCUMENT_LENGTH
                        + "; split the database types across two DmsRegistrationRole resources"));
        checks.trustedByOwner(owner, spec.dmsAccountId, "spec.dmsAccountId",
                "DMS registers its own account's databases without a cross-account role", accounts);
        return checks.errors();
    }
}
