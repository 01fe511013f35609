package io.ramgrants.controller.grant;

import io.ramgrants.api.FieldPatterns;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.InventoryEntry;
import io.ramgrants.engine.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code status.inventory} to and from the engine's {@link Inventory}. The status is input
 * like any other (anyone allowed to write it can edit it): entries whose account or names do
 * not have RAM's shape are dropped, and sizes are capped. A wrong entry costs at most a lookup,
 * since nothing is removed without the resource's own marker in RAM.
 */
final class StatusInventory {
    static final int MAX_ACCOUNTS = 64;
    static final int MAX_NAMES = 256;
    private static final Pattern ACCOUNT = Pattern.compile(FieldPatterns.ACCOUNT_ID);
    private static final Pattern ROLE = Pattern.compile(FieldPatterns.ROLE_NAME);
    private static final Pattern POLICY = Pattern.compile(FieldPatterns.POLICY_NAME);

    private StatusInventory() {}

    static Inventory read(GrantStatus status) {
        Inventory.Builder inventory = Inventory.builder();
        if (status == null || status.inventory == null) {
            return inventory.build();
        }
        status.inventory.stream()
                .filter(e -> e != null && e.accountId != null && ACCOUNT.matcher(e.accountId).matches())
                .limit(MAX_ACCOUNTS).forEach(e -> {
                    names(e.roles, ROLE).forEach(r -> inventory.role(e.accountId, r));
                    names(e.policies, POLICY).forEach(p -> inventory.policy(e.accountId, p));
                });
        return inventory.build();
    }

    /** True when the status has never recorded an inventory (new resource, or an older operator wrote it). */
    static boolean absent(GrantStatus status) {
        return status == null || status.inventory == null;
    }

    static List<InventoryEntry> write(Inventory inventory) {
        List<InventoryEntry> entries = new ArrayList<>();
        inventory.accounts().forEach((account, holdings) -> {
            InventoryEntry entry = new InventoryEntry();
            entry.accountId = account;
            entry.roles = new ArrayList<>(holdings.roles());
            entry.policies = new ArrayList<>(holdings.policies());
            entries.add(entry);
        });
        return entries;
    }

    private static List<String> names(List<String> names, Pattern shape) {
        return names == null ? List.of()
                : names.stream().filter(n -> n != null && shape.matcher(n).matches()).limit(MAX_NAMES).toList();
    }
}
