package io.ramgrants.desired;

import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DmsRegistrationRoleSpec;
import io.ramgrants.desired.validation.DmsRegistrationValidator;
import io.ramgrants.desired.validation.ValidationError;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 004 part 1: a role in the owner account B trusting the DMS service of account A, with
 * one custom policy holding the actions the listed database and network types need.
 */
public final class DmsRegistrationRules implements GrantRules<DmsRegistrationRole> {
    private final DmsRegistrationValidator validator = new DmsRegistrationValidator();

    @Override
    public Class<DmsRegistrationRole> resourceType() {
        return DmsRegistrationRole.class;
    }

    @Override
    public List<ValidationError> validate(DmsRegistrationRole role, AccountDirectory accounts) {
        return validator.validate(OwnerRef.of(role).namespace(), role.getSpec(), accounts);
    }

    @Override
    public Evaluation evaluate(DmsRegistrationRole role, AccountDirectory accounts) {
        List<ValidationError> errors = validate(role, accounts);
        return errors.isEmpty() ? Evaluation.valid(desiredStateOfValid(role, accounts)) : Evaluation.invalid(errors);
    }

    private DesiredState desiredStateOfValid(DmsRegistrationRole role, AccountDirectory accounts) {
        OwnerRef owner = OwnerRef.of(role);
        DmsRegistrationRoleSpec spec = role.getSpec();
        String ownerAccount = accounts.byName(spec.ownerAccountRef.name).orElseThrow().accountId();
        String description = Descriptions.of(owner, spec.description);

        List<DesiredCustomPolicy> customPolicies = permissionPolicy(spec)
                .map(document -> new DesiredCustomPolicy(policyName(owner, spec), document, description))
                .stream().toList();
        DesiredRole desiredRole = new DesiredRole(ownerAccount, spec.roleName, description,
                TrustPolicies.dmsService(spec.dmsAccountId), Set.of(), customPolicies, owner);

        List<String> notes = new ArrayList<>();
        if (customPolicies.isEmpty()) {
            notes.add("No custom policy: RDS and PolarDB for MySQL/PostgreSQL (and Oracle-compatible) need none,"
                    + " whatever the network types: the DMS documentation page \"Alibaba Cloud アカウント間での DMS"
                    + " での連携\" (cross-account DMS) skips steps 3 and 4 for them.");
        }
        notes.add("In the DMS of account " + spec.dmsAccountId + ", register the databases with the role ARN "
                + desiredRole.arn() + ".");
        return new DesiredState(owner, List.of(desiredRole), notes);
    }

    /** The custom policy's name: {@code spec.policyName}, or one derived from the resource. */
    public static String policyName(OwnerRef owner, DmsRegistrationRoleSpec spec) {
        return spec.policyName == null || spec.policyName.isBlank() ? PolicyNames.defaultFor(owner) : spec.policyName;
    }

    /** The single Allow statement on every resource; empty when the types need no policy. */
    public static Optional<PolicyDocument> permissionPolicy(DmsRegistrationRoleSpec spec) {
        List<String> actions = DmsPolicyActions.union(orEmpty(spec.databaseTypes), orEmpty(spec.networkTypes));
        return actions.isEmpty()
                ? Optional.empty()
                : Optional.of(PolicyDocument.of(Statement.allow(actions, List.of("*"))));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
    }
}
