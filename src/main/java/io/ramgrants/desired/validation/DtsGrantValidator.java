package io.ramgrants.desired.validation;

import io.ramgrants.api.CrossAccountDtsGrantSpec;
import io.ramgrants.api.DtsEndpoint;
import io.ramgrants.api.DtsEngine;
import io.ramgrants.api.FieldPatterns;
import io.ramgrants.api.Infrastructure;
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.AccountFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Seed 000 rules for {@code CrossAccountDtsGrant}, the CRD's schema and CEL rules included. */
public final class DtsGrantValidator {
    public List<ValidationError> validate(String namespace, CrossAccountDtsGrantSpec spec, AccountDirectory accounts) {
        SpecChecks checks = new SpecChecks();
        if (!checks.required(spec, "spec", "the DTS task account, source and destination")) {
            return checks.errors();
        }
        checks.accountId(spec.taskAccountId, "spec.taskAccountId", "the account that creates the DTS task");
        boolean sourceValid = endpoint(checks, spec.source, "spec.source");
        boolean destinationValid = endpoint(checks, spec.destination, "spec.destination");
        if (destinationValid && spec.destination.engine != DtsEngine.RdsMySQL) {
            checks.error("spec.destination.engine", "must be RdsMySQL: DTS supports only ApsaraDB RDS for MySQL as a"
                    + " cross-account destination; got " + spec.destination.engine);
        }
        if (spec.twoWay && !(sourceValid && destinationValid
                && spec.source.engine == DtsEngine.RdsMySQL && spec.destination.engine == DtsEngine.RdsMySQL)) {
            checks.error("spec.twoWay", "two-way synchronisation across accounts works only between RdsMySQL"
                    + " instances; set twoWay: false or use RdsMySQL on both sides");
        }
        checks.roleName(spec.roleName, "spec.roleName");
        checks.commonGrantFields(spec);
        if (sourceValid && destinationValid) {
            accountFacts(checks, namespace, spec, accounts);
        }
        return checks.errors();
    }

    private static boolean endpoint(SpecChecks checks, DtsEndpoint endpoint, String path) {
        if (!checks.required(endpoint, path, "{accountRef or accountId, engine}")) {
            return false;
        }
        int before = checks.errors().size();
        if ((endpoint.accountRef == null) == (endpoint.accountId == null)) {
            checks.error(path, "set exactly one of accountRef (an AlibabaCloudAccount name) or accountId");
        }
        checks.matches(endpoint.accountId, FieldPatterns.ACCOUNT_ID, path + ".accountId", SpecChecks.ACCOUNT_ID_HINT);
        checks.required(endpoint.engine, path + ".engine", "one of " + List.of(DtsEngine.values()));
        return checks.errors().size() == before;
    }

    private static void accountFacts(SpecChecks checks, String namespace, CrossAccountDtsGrantSpec spec,
            AccountDirectory accounts) {
        Optional<AccountFacts> source = facts(checks, namespace, spec.source, "spec.source", accounts);
        Optional<AccountFacts> destination = facts(checks, namespace, spec.destination, "spec.destination", accounts);
        Optional<AccountFacts> task = accounts.byAccountId(spec.taskAccountId);

        String taskAccount = spec.taskAccountId;
        source.filter(f -> !f.accountId().equals(taskAccount))
                .ifPresent(f -> checks.mayTrust(f, taskAccount, "spec.taskAccountId", accounts));
        destination.filter(f -> !f.accountId().equals(taskAccount))
                .filter(f -> source.isEmpty() || !source.get().accountId().equals(f.accountId()))
                .ifPresent(f -> checks.mayTrust(f, taskAccount, "spec.taskAccountId", accounts));

        Map<String, Infrastructure> infrastructures = new LinkedHashMap<>();
        source.ifPresent(f -> infrastructures.put("source account " + f.accountId(), f.infrastructure()));
        destination.ifPresent(f -> infrastructures.put("destination account " + f.accountId(), f.infrastructure()));
        task.ifPresent(f -> infrastructures.put("task account " + f.accountId(), f.infrastructure()));
        if (infrastructures.values().stream().distinct().count() > 1) {
            checks.error("spec", "DTS cannot work across infrastructures, but " + infrastructures
                    + "; use accounts of one infrastructure (Public, Finance or Government)");
        }
    }

    /** The account owning one side, when the directory knows it; a dangling accountRef is an error. */
    private static Optional<AccountFacts> facts(SpecChecks checks, String namespace, DtsEndpoint endpoint,
            String path, AccountDirectory accounts) {
        if (endpoint.accountRef != null) {
            return checks.accountRef(endpoint.accountRef, path + ".accountRef", namespace, accounts);
        }
        Optional<AccountFacts> facts = accounts.byAccountId(endpoint.accountId);
        facts.ifPresent(f -> checks.allowsNamespace(f, path + ".accountId", namespace));
        return facts;
    }
}
