package io.ramgrants.emulator;

import java.time.Instant;

/** What an action may use: who calls, the request, every account's state, and the time. */
record ActionContext(Caller caller, RpcRequest request, Accounts accounts, Instant now) {
    /** The state of the caller's own account. */
    AccountState account() {
        return accounts.of(caller.accountId());
    }
}
