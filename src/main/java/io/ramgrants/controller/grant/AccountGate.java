package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.Evaluation;
import io.ramgrants.desired.GrantRulesCatalog;
import io.ramgrants.desired.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything checked before a grant reaches RAM, without a RAM call: the seed rules' validation
 * (the same pure function {@code plan} runs), the accounts' namespace and trust limits, and
 * whether every account that receives a role is verified and usable.
 */
class AccountGate {
    private final AccountRegistry registry;

    AccountGate(AccountRegistry registry) {
        this.registry = registry;
    }

    Admission admit(HasMetadata grant) {
        RegistryAccountDirectory accounts = new RegistryAccountDirectory(registry);
        Evaluation evaluation = GrantRulesCatalog.evaluate(grant, accounts);
        if (!evaluation.valid()) {
            return Admission.blocked(rejection(accounts, evaluation), accounts.lookedUp());
        }
        DesiredState desired = evaluation.desired().orElseThrow();
        Set<String> depended = new LinkedHashSet<>(accounts.lookedUp());
        Map<String, Optional<AccountHandle>> roleAccounts = new LinkedHashMap<>();
        for (DesiredRole role : desired.roles()) {
            depended.add(role.accountId());
            roleAccounts.computeIfAbsent(role.accountId(), id -> accounts.referencedName(id)
                    .flatMap(registry::byName).or(() -> registry.byAccountId(id)));
        }
        String unusable = roleAccounts.entrySet().stream()
                .map(e -> unusable(e.getKey(), e.getValue()))
                .flatMap(Optional::stream)
                .collect(Collectors.joining("; "));
        if (!unusable.isEmpty()) {
            return Admission.blocked(Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY, unusable), depended);
        }
        Map<String, String> names = new LinkedHashMap<>();
        roleAccounts.forEach((id, handle) -> names.put(id, handle.orElseThrow().name()));
        return Admission.admitted(desired, depended, names);
    }

    /**
     * Names the broken rule, from what the one validation said failed. A reference to an account
     * that does not exist (yet) is waited for: manifests applied together reach the operator in
     * any order.
     */
    private static Verdict rejection(RegistryAccountDirectory accounts, Evaluation evaluation) {
        if (!accounts.missingNames().isEmpty()) {
            return Verdict.waiting(GrantReasons.ACCOUNT_NOT_READY, accounts.missingNames().stream()
                    .map(name -> "AlibabaCloudAccount " + name + " does not exist; create it or correct the reference")
                    .collect(Collectors.joining("; ")));
        }
        String errors = joined(evaluation.errors());
        if (evaluation.breaks(ValidationError.Kind.SPEC)) {
            return Verdict.stalled(GrantReasons.INVALID_SPEC, "invalid spec: " + errors);
        }
        if (evaluation.breaks(ValidationError.Kind.NAMESPACE)) {
            return Verdict.stalled(GrantReasons.ACCOUNT_NOT_ALLOWED, errors);
        }
        return Verdict.stalled(GrantReasons.TRUST_NOT_ALLOWED, errors);
    }

    private static Optional<String> unusable(String accountId, Optional<AccountHandle> handle) {
        if (handle.isEmpty()) {
            return Optional.of("no AlibabaCloudAccount declares account " + accountId
                    + "; the operator needs one to create the role there");
        }
        AccountHandle account = handle.get();
        if (account.ready()) {
            return Optional.empty();
        }
        return Optional.of("AlibabaCloudAccount " + account.name() + " (account " + accountId + ") is not ready: "
                + account.reason() + (account.message() == null ? "" : " - " + account.message()));
    }

    private static String joined(List<ValidationError> errors) {
        return errors.stream().map(ValidationError::toString).collect(Collectors.joining("; "));
    }
}
