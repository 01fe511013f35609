package io.ramgrants.emulator;

import java.util.concurrent.ConcurrentHashMap;

/** The per-account RAM states, created on first use. */
final class Accounts {
    private final ConcurrentHashMap<String, AccountState> states = new ConcurrentHashMap<>();
    private final int maxRolesPerAccount;

    Accounts(int maxRolesPerAccount) {
        this.maxRolesPerAccount = maxRolesPerAccount;
    }

    AccountState of(String accountId) {
        return states.computeIfAbsent(accountId, id -> new AccountState(id, maxRolesPerAccount));
    }
}
