package io.ramgrants.controller.grant;

import io.ramgrants.desired.DesiredState;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a grant may go to the engine: its desired state, or the verdict that stops it
 * before any RAM call. {@code accounts} are the account names and IDs the decision depended
 * on, so a change to any of them re-queues the grant.
 */
record Admission(Optional<DesiredState> desired, Optional<Verdict> blocked, Set<String> accounts,
                 Map<String, String> accountNames) {
    Admission {
        accounts = Set.copyOf(accounts);
        accountNames = Map.copyOf(accountNames);
        if (desired.isPresent() == blocked.isPresent()) {
            throw new IllegalArgumentException("an admission is either admitted or blocked");
        }
    }

    /** @param accountNames the AlibabaCloudAccount to reach each role's account through, by account ID */
    static Admission admitted(DesiredState desired, Set<String> accounts, Map<String, String> accountNames) {
        return new Admission(Optional.of(desired), Optional.empty(), accounts, accountNames);
    }

    static Admission blocked(Verdict verdict, Set<String> accounts) {
        return new Admission(Optional.empty(), Optional.of(verdict), accounts, Map.of());
    }
}
