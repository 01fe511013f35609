package io.ramgrants.desired;

import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsAccessRoleSpec;
import io.ramgrants.desired.validation.DmsAccessValidator;
import io.ramgrants.desired.validation.ValidationError;
import java.util.List;
import java.util.Set;

/**
 * Seed 004 part 2: a role in the owner account B that account A's RAM users switch into,
 * with {@value #SYSTEM_POLICY} attached.
 */
public final class DmsAccessRules implements GrantRules<DmsAccessRole> {
    public static final String SYSTEM_POLICY = "AliyunDMSLoginConsoleAccess";
    public static final String ACCESSOR_POLICY = "AliyunSTSAssumeRoleAccess";

    private final DmsAccessValidator validator = new DmsAccessValidator();

    @Override
    public Class<DmsAccessRole> resourceType() {
        return DmsAccessRole.class;
    }

    @Override
    public List<ValidationError> validate(DmsAccessRole role, AccountDirectory accounts) {
        return validator.validate(OwnerRef.of(role).namespace(), role.getSpec(), accounts);
    }

    @Override
    public Evaluation evaluate(DmsAccessRole role, AccountDirectory accounts) {
        List<ValidationError> errors = validate(role, accounts);
        return errors.isEmpty() ? Evaluation.valid(desiredStateOfValid(role, accounts)) : Evaluation.invalid(errors);
    }

    private DesiredState desiredStateOfValid(DmsAccessRole role, AccountDirectory accounts) {
        OwnerRef owner = OwnerRef.of(role);
        DmsAccessRoleSpec spec = role.getSpec();
        String ownerAccount = accounts.byName(spec.ownerAccountRef.name).orElseThrow().accountId();
        DesiredRole desiredRole = new DesiredRole(ownerAccount, spec.roleName, Descriptions.of(owner, spec.description),
                TrustPolicies.account(spec.accessorAccountId), Set.of(SYSTEM_POLICY), List.of(), owner);
        String note = "RAM users of account " + spec.accessorAccountId + " need " + ACCESSOR_POLICY
                + " to switch to the role " + spec.roleName + " in account " + ownerAccount + ".";
        return new DesiredState(owner, List.of(desiredRole), List.of(note));
    }
}
