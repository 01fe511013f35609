package io.ramgrants.desired.validation;

import io.ramgrants.api.AccountRef;
import io.ramgrants.api.FieldPatterns;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.AccountFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects the errors of one resource; each check names the field and says what to do. */
final class SpecChecks {
    static final String ACCOUNT_ID_HINT = "must be a 16-digit Alibaba Cloud account UID (e.g. 1234567890123456)";
    static final String ROLE_NAME_HINT = "must be 1-64 characters: letters, digits, '.' or '-'";
    static final String POLICY_NAME_HINT = "must be 1-128 characters: letters, digits or '-'";

    private final List<ValidationError> errors = new ArrayList<>();

    void error(String fieldPath, String message) {
        error(fieldPath, message, ValidationError.Kind.SPEC);
    }

    void error(String fieldPath, String message, ValidationError.Kind kind) {
        errors.add(new ValidationError(fieldPath, message, kind));
    }

    List<ValidationError> errors() {
        return List.copyOf(errors);
    }

    boolean required(Object value, String fieldPath, String what) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            error(fieldPath, "is required: " + what);
            return false;
        }
        return true;
    }

    void matches(String value, String pattern, String fieldPath, String hint) {
        if (value != null && !value.matches(pattern)) {
            error(fieldPath, hint + "; got '" + value + "'");
        }
    }

    void accountId(String value, String fieldPath, String what) {
        if (required(value, fieldPath, what)) {
            matches(value, FieldPatterns.ACCOUNT_ID, fieldPath, ACCOUNT_ID_HINT);
        }
    }

    void roleName(String value, String fieldPath) {
        if (required(value, fieldPath, "the RAM role name")) {
            matches(value, FieldPatterns.ROLE_NAME, fieldPath, ROLE_NAME_HINT);
        }
    }

    /** Fields every grant kind shares. */
    void commonGrantFields(GrantSpec spec) {
        required(spec.deletionPolicy, "spec.deletionPolicy", "Delete or Retain");
        required(spec.managementPolicy, "spec.managementPolicy", "Manage or Observe");
        required(spec.adoption, "spec.adoption", "Never or IfUnowned");
        if (spec.description != null && spec.description.length() > FieldPatterns.MAX_USER_DESCRIPTION) {
            error("spec.description", "must be at most " + FieldPatterns.MAX_USER_DESCRIPTION
                    + " characters (RAM keeps 1024 and the ownership marker needs the rest); got "
                    + spec.description.length());
        }
    }

    /** Resolves a reference, reporting a missing account or one closed to the grant's namespace. */
    Optional<AccountFacts> accountRef(AccountRef ref, String fieldPath, String namespace, AccountDirectory accounts) {
        if (ref == null || ref.name == null || ref.name.isBlank()) {
            error(fieldPath + ".name", "is required: the name of an AlibabaCloudAccount");
            return Optional.empty();
        }
        Optional<AccountFacts> facts = accounts.byName(ref.name);
        if (facts.isEmpty()) {
            error(fieldPath, "no AlibabaCloudAccount named '" + ref.name + "'; create it or correct the name");
            return Optional.empty();
        }
        allowsNamespace(facts.get(), fieldPath, namespace);
        return facts;
    }

    void allowsNamespace(AccountFacts facts, String fieldPath, String namespace) {
        if (!facts.allowsNamespace(namespace)) {
            error(fieldPath, "AlibabaCloudAccount '" + facts.name() + "' does not allow namespace '" + namespace
                    + "'; add it to the account's allowedNamespaces or use another account", ValidationError.Kind.NAMESPACE);
        }
    }

    /**
     * The account a role in the owner's account lets in: never the owner itself ({@code selfNeedsNoRole}
     * says why it needs none), and one the owner may trust.
     */
    void trustedByOwner(Optional<AccountFacts> owner, String trustedAccountId, String fieldPath, String selfNeedsNoRole,
                        AccountDirectory accounts) {
        owner.ifPresent(facts -> {
            if (facts.accountId().equals(trustedAccountId)) {
                error(fieldPath, "is the owner account itself; " + selfNeedsNoRole);
            }
            mayTrust(facts, trustedAccountId, fieldPath, accounts);
        });
    }

    /**
     * A role in {@code roleAccount} may trust {@code trustedAccountId} only if the account lists
     * it in trustableAccounts, or lists none and the trusted account is known to the cluster.
     */
    void mayTrust(AccountFacts roleAccount, String trustedAccountId, String fieldPath, AccountDirectory accounts) {
        if (trustedAccountId == null || trustedAccountId.equals(roleAccount.accountId())) {
            return;
        }
        if (!roleAccount.trustableAccounts().isEmpty()) {
            if (!roleAccount.trustableAccounts().contains(trustedAccountId)) {
                error(fieldPath, "account " + trustedAccountId + " is not in the trustableAccounts of AlibabaCloudAccount '"
                        + roleAccount.name() + "'; add it there if roles in " + roleAccount.accountId()
                        + " may trust it", ValidationError.Kind.TRUST);
            }
        } else if (!accounts.knowsAccountId(trustedAccountId)) {
            error(fieldPath, "account " + trustedAccountId + " is not known to the cluster and AlibabaCloudAccount '"
                    + roleAccount.name() + "' lists no trustableAccounts; add " + trustedAccountId
                    + " to its trustableAccounts or declare an AlibabaCloudAccount for it", ValidationError.Kind.TRUST);
        }
    }
}
