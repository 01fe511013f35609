package io.ramgrants.emulator;

import java.util.concurrent.ConcurrentHashMap;

/** The per-account RAM states, created on first use. */
final class Accounts {
    private final ConcurrentHashMap<String, AccountState> states = new ConcurrentHashMap<>();
    private final int maxRolesPerAccount;
    private final long seed;
    private final ConsistencyLag.LagSource lag;

    Accounts(int maxRolesPerAccount) {
        this(maxRolesPerAccount, 0, () -> java.time.Duration.ZERO);
    }

    Accounts(int maxRolesPerAccount, long seed, ConsistencyLag.LagSource lag) {
        this.maxRolesPerAccount = maxRolesPerAccount;
        this.seed = seed;
        this.lag = lag;
    }

    AccountState of(String accountId) {
        return states.computeIfAbsent(accountId, id -> new AccountState(id, maxRolesPerAccount,
                new ConsistencyLag(seed * 31 + id.hashCode(), lag)));
    }
}
