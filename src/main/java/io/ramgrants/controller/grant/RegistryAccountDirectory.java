package io.ramgrants.controller.grant;

import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.AccountFacts;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts the operator knows, ready or not, as the seed rules see them. It remembers
 * every name and account ID it was asked about, so a grant can be reconciled again when one
 * of those accounts appears, changes or goes away — including accounts that did not exist yet.
 * One instance per pass; not thread-safe.
 */
final class RegistryAccountDirectory implements AccountDirectory {
    private final AccountRegistry registry;
    private final Set<String> lookedUp = new LinkedHashSet<>();
    private final Set<String> missingNames = new LinkedHashSet<>();
    private final Map<String, String> namesById = new LinkedHashMap<>();

    RegistryAccountDirectory(AccountRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<AccountFacts> byName(String name) {
        lookedUp.add(name);
        Optional<AccountFacts> facts = registry.byName(name).map(RegistryAccountDirectory::facts);
        if (facts.isEmpty()) {
            missingNames.add(name);
        } else if (facts.get().accountId() != null) {
            namesById.putIfAbsent(facts.get().accountId(), name);
        }
        return facts;
    }

    @Override
    public Optional<AccountFacts> byAccountId(String accountId) {
        lookedUp.add(accountId);
        return registry.byAccountId(accountId).map(RegistryAccountDirectory::facts);
    }

    @Override
    public boolean knowsAccountId(String accountId) {
        lookedUp.add(accountId);
        return registry.knowsAccountId(accountId);
    }

    /** Account names and IDs this pass depended on. */
    Set<String> lookedUp() {
        return Set.copyOf(lookedUp);
    }

    /**
     * The AlibabaCloudAccount the grant itself names for an account ID, if it names one: a grant
     * that references {@code acct-b} must be served by {@code acct-b}, not by another resource
     * declaring the same ID.
     */
    Optional<String> referencedName(String accountId) {
        return Optional.ofNullable(namesById.get(accountId));
    }

    /** AlibabaCloudAccount names asked for that do not exist. */
    Set<String> missingNames() {
        return Set.copyOf(missingNames);
    }

    private static AccountFacts facts(AccountHandle handle) {
        return new AccountFacts(handle.name(), handle.accountId(), handle.infrastructure(),
                handle.allowedNamespaces(), handle.trustableAccounts());
    }
}
