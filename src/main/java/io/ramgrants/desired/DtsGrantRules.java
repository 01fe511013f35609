package io.ramgrants.desired;

import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.CrossAccountDtsGrantSpec;
import io.ramgrants.api.DtsEndpoint;
import io.ramgrants.desired.validation.DtsGrantValidator;
import io.ramgrants.desired.validation.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 000: a role in every instance-owner account that is not the task account, trusting
 * the task account and its DTS service, with {@value #SYSTEM_POLICY} attached.
 */
public final class DtsGrantRules implements GrantRules<CrossAccountDtsGrant> {
    public static final String SYSTEM_POLICY = "AliyunDTSRolePolicy";
    public static final String DTS_SERVICE_ROLE = "AliyunDTSDefaultRole";

    private final DtsGrantValidator validator = new DtsGrantValidator();

    @Override
    public Class<CrossAccountDtsGrant> resourceType() {
        return CrossAccountDtsGrant.class;
    }

    @Override
    public List<ValidationError> validate(CrossAccountDtsGrant grant, AccountDirectory accounts) {
        return validator.validate(OwnerRef.of(grant).namespace(), grant.getSpec(), accounts);
    }

    @Override
    public Evaluation evaluate(CrossAccountDtsGrant grant, AccountDirectory accounts) {
        List<ValidationError> errors = validate(grant, accounts);
        return errors.isEmpty() ? Evaluation.valid(desiredStateOfValid(grant, accounts)) : Evaluation.invalid(errors);
    }

    private DesiredState desiredStateOfValid(CrossAccountDtsGrant grant, AccountDirectory accounts) {
        OwnerRef owner = OwnerRef.of(grant);
        CrossAccountDtsGrantSpec spec = grant.getSpec();
        String task = spec.taskAccountId;
        String source = accountIdOf(spec.source, accounts).orElseThrow();
        String destination = accountIdOf(spec.destination, accounts).orElseThrow();

        Set<String> roleAccounts = new LinkedHashSet<>();
        if (!source.equals(task)) {
            roleAccounts.add(source);
        }
        if (!destination.equals(task)) {
            roleAccounts.add(destination);
        }
        List<DesiredRole> roles = roleAccounts.stream()
                .map(account -> new DesiredRole(account, spec.roleName, Descriptions.of(owner, spec.description),
                        TrustPolicies.dtsTask(task), Set.of(SYSTEM_POLICY), List.of(), owner))
                .toList();
        List<String> notes = new ArrayList<>();
        notes.add(whyTheseAccounts(spec.roleName, task, source, destination));
        roleAccounts.forEach(account -> notes.add("Account " + account + " must hold the DTS service role "
                + DTS_SERVICE_ROLE + " (prerequisite in the Alibaba Cloud documentation page"
                + " \"Configure RAM authorization for cross-account DTS tasks\")."));
        return new DesiredState(owner, roles, notes);
    }

    /** The account that owns one side's instance: the referenced account's ID, or the literal ID. */
    public static Optional<String> accountIdOf(DtsEndpoint endpoint, AccountDirectory accounts) {
        if (endpoint == null) {
            return Optional.empty();
        }
        if (endpoint.accountRef != null) {
            return accounts.byName(endpoint.accountRef.name).map(AccountFacts::accountId);
        }
        return Optional.ofNullable(endpoint.accountId);
    }

    private static String whyTheseAccounts(String roleName, String task, String source, String destination) {
        boolean ownsSource = task.equals(source);
        boolean ownsDestination = task.equals(destination);
        if (ownsSource && ownsDestination) {
            return "No role needed: the task account " + task + " owns both instances, so the task is not cross-account.";
        }
        if (ownsDestination) {
            return "Role " + roleName + " only in the source account " + source + ": the task account " + task
                    + " owns the destination instance.";
        }
        if (ownsSource) {
            return "Role " + roleName + " only in the destination account " + destination + ": the task account "
                    + task + " owns the source instance.";
        }
        if (source.equals(destination)) {
            return "One role " + roleName + " in account " + source + ", which owns both instances; the task account "
                    + task + " owns neither.";
        }
        return "Roles " + roleName + " in the source account " + source + " and the destination account " + destination
                + ": the task account " + task + " owns neither instance.";
    }
}
