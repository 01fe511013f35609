package io.ramgrants.controller.grant;

import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.AccountFacts;
import java.util.List;
import java.util.Optional;

/**
 * The same accounts with some access limits lifted. Validating a grant against a relaxed
 * directory tells which kind of rule it breaks — the spec itself, an account's
 * {@code allowedNamespaces}, or its {@code trustableAccounts} — without a second set of rules
 * next to the one {@code plan} uses.
 */
final class RelaxedAccountDirectory implements AccountDirectory {
    private final AccountDirectory accounts;
    private final boolean anyNamespace;
    private final boolean anyTrust;

    private RelaxedAccountDirectory(AccountDirectory accounts, boolean anyNamespace, boolean anyTrust) {
        this.accounts = accounts;
        this.anyNamespace = anyNamespace;
        this.anyTrust = anyTrust;
    }

    /** Every account open to every namespace and trusting any account. */
    static AccountDirectory withoutAccessLimits(AccountDirectory accounts) {
        return new RelaxedAccountDirectory(accounts, true, true);
    }

    /** Namespace limits kept; every account may trust any account. */
    static AccountDirectory withoutTrustLimits(AccountDirectory accounts) {
        return new RelaxedAccountDirectory(accounts, false, true);
    }

    @Override
    public Optional<AccountFacts> byName(String name) {
        return accounts.byName(name).map(this::relax);
    }

    @Override
    public Optional<AccountFacts> byAccountId(String accountId) {
        return accounts.byAccountId(accountId).map(this::relax);
    }

    @Override
    public boolean knowsAccountId(String accountId) {
        return anyTrust || accounts.knowsAccountId(accountId);
    }

    private AccountFacts relax(AccountFacts facts) {
        return new AccountFacts(facts.name(), facts.accountId(), facts.infrastructure(),
                anyNamespace ? List.of() : facts.allowedNamespaces(),
                anyTrust ? List.of() : facts.trustableAccounts());
    }
}
