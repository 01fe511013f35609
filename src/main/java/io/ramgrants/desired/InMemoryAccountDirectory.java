package io.ramgrants.desired;

import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An {@link AccountDirectory} over a fixed set of accounts, e.g. the documents of a {@code plan} input. */
public final class InMemoryAccountDirectory implements AccountDirectory {
    private final List<AccountFacts> accounts;

    public InMemoryAccountDirectory(Collection<AccountFacts> accounts) {
        this.accounts = accounts.stream()
                .sorted(java.util.Comparator.comparing(AccountFacts::name))
                .toList();
    }

    public static InMemoryAccountDirectory empty() {
        return new InMemoryAccountDirectory(List.of());
    }

    /** Facts of every account that has a name and a spec; others cannot be referred to anyway. */
    public static InMemoryAccountDirectory of(Collection<AlibabaCloudAccount> accounts) {
        return new InMemoryAccountDirectory(accounts.stream()
                .map(InMemoryAccountDirectory::facts)
                .flatMap(Optional::stream)
                .toList());
    }

    public static Optional<AccountFacts> facts(AlibabaCloudAccount account) {
        AlibabaCloudAccountSpec spec = account.getSpec();
        if (spec == null || account.getMetadata() == null || account.getMetadata().getName() == null) {
            return Optional.empty();
        }
        return Optional.of(new AccountFacts(account.getMetadata().getName(), spec.accountId, spec.infrastructure,
                spec.allowedNamespaces, spec.trustableAccounts));
    }

    @Override
    public Optional<AccountFacts> byName(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    @Override
    public Optional<AccountFacts> byAccountId(String accountId) {
        return accounts.stream().filter(a -> Objects.equals(a.accountId(), accountId)).findFirst();
    }
}
