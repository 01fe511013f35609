package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.InventoryEntry;
import io.ramgrants.engine.Inventory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** status.inventory is input too: only RAM-shaped names are read back, in bounded number. */
class StatusInventoryTest {

    static InventoryEntry entry(String account, List<String> roles, List<String> policies) {
        InventoryEntry e = new InventoryEntry();
        e.accountId = account;
        e.roles = roles == null ? null : new ArrayList<>(roles);
        e.policies = policies == null ? null : new ArrayList<>(policies);
        return e;
    }

    @Test
    void roundTripsWhatTheEngineRecorded() {
        Inventory inventory = Inventory.builder().role("1111111111111111", "ram-for-dts")
                .policy("2222222222222222", "dms-policy").role("2222222222222222", "dms-role").build();
        GrantStatus status = new GrantStatus();
        status.inventory = StatusInventory.write(inventory);

        assertThat(StatusInventory.read(status)).isEqualTo(inventory);
        assertThat(status.inventory).extracting(e -> e.accountId).containsExactly("1111111111111111",
                "2222222222222222");
    }

    @Test
    void hostileEntriesAreDropped() {
        GrantStatus status = new GrantStatus();
        status.inventory = new ArrayList<>(Arrays.asList(null,
                entry("not-an-account", List.of("ram-for-dts"), List.of()),
                entry(null, List.of("ram-for-dts"), List.of()),
                entry("1111111111111111", Arrays.asList("ok", null, "bad name", "x".repeat(65)),
                        Arrays.asList("pol", "../etc", null)),
                entry("2222222222222222", null, null)));

        Inventory read = StatusInventory.read(status);

        assertThat(read.accountIds()).containsExactly("1111111111111111");
        assertThat(read.roles("1111111111111111")).containsExactly("ok");
        assertThat(read.policies("1111111111111111")).containsExactly("pol");
    }

    @Test
    void sizesAreCapped() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add("role-" + i);
        }
        List<InventoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(entry(String.format("%016d", i), many, List.of()));
        }
        GrantStatus status = new GrantStatus();
        status.inventory = entries;

        Inventory read = StatusInventory.read(status);

        assertThat(read.accountIds()).hasSize(StatusInventory.MAX_ACCOUNTS);
        assertThat(read.roles(String.format("%016d", 0))).hasSize(StatusInventory.MAX_NAMES);
    }

    @Test
    void aStatusWithoutInventoryIsAbsent() {
        assertThat(StatusInventory.absent(null)).isTrue();
        assertThat(StatusInventory.absent(new GrantStatus())).isTrue();
        GrantStatus recorded = new GrantStatus();
        recorded.inventory = List.of();
        assertThat(StatusInventory.absent(recorded)).isFalse();
        assertThat(StatusInventory.read(recorded).isEmpty()).isTrue();
    }
}
