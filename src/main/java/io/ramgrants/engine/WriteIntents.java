package io.ramgrants.engine;

import io.ramgrants.desired.DesiredRole;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a pass records what it is about to create in an account its inventory does not list yet,
 * durably and before its first RAM write there. A process that dies between that write and the
 * status that would have recorded it thus leaves a record of where to look, and a later pass finds
 * the role there even after the account has left the spec (the marker in RAM stays the proof of
 * ownership; a recorded name that was never created is simply not found, and dropped).
 */
@FunctionalInterface
public interface WriteIntents {
    /** Records nothing: for callers without a status (the CLI looks in the accounts its input names). */
    WriteIntents NONE = inventory -> { };

    /**
     * Persists {@code inventory}: the pass's prior inventory with the new accounts and the names
     * about to be created there added. Returns once it is durable; throws otherwise, and then the
     * pass makes no RAM write at all.
     */
    void record(Inventory inventory);

    /**
     * {@code prior} plus the desired names in each account {@code plan} writes into that
     * {@code prior} does not list; empty when the plan writes only where {@code prior} already looks.
     */
    static Optional<Inventory> needed(Plan plan, List<DesiredRole> desired, Inventory prior) {
        Set<String> fresh = new TreeSet<>();
        plan.actions().forEach(action -> fresh.add(action.accountId()));
        fresh.removeAll(prior.accountIds());
        Inventory.Builder intended = Inventory.builder();
        prior.accountIds().forEach(account -> intended.account(prior, account));
        desired.stream().filter(role -> fresh.contains(role.accountId())).forEach(role -> {
            intended.role(role.accountId(), role.roleName());
            role.customPolicies().forEach(p -> intended.policy(role.accountId(), p.policyName()));
        });
        Inventory built = intended.build();
        return built.accountIds().equals(prior.accountIds()) ? Optional.empty() : Optional.of(built);
    }
}
