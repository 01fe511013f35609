package io.ramgrants.desired.validation;

import io.ramgrants.api.DmsAccessRoleSpec;
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.AccountFacts;
import java.util.List;
import java.util.Optional;

/** Seed 004 part 2 rules for {@code DmsAccessRole}, the CRD's schema included. */
public final class DmsAccessValidator {
    public List<ValidationError> validate(String namespace, DmsAccessRoleSpec spec, AccountDirectory accounts) {
        SpecChecks checks = new SpecChecks();
        if (!checks.required(spec, "spec", "ownerAccountRef and accessorAccountId")) {
            return checks.errors();
        }
        Optional<AccountFacts> owner = checks.accountRef(spec.ownerAccountRef, "spec.ownerAccountRef", namespace, accounts);
        checks.accountId(spec.accessorAccountId, "spec.accessorAccountId", "account A, whose RAM users switch into the role");
        checks.roleName(spec.roleName, "spec.roleName");
        checks.commonGrantFields(spec);
        checks.trustedByOwner(owner, spec.accessorAccountId, "spec.accessorAccountId",
                "its RAM users need no role switch to use its DMS", accounts);
        return checks.errors();
    }
}
