package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.desired.OwnerRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AccountSlotsTest {
    private static final String SLOW = "1111111111111111";
    private static final String OTHER = "2222222222222222";
    private final AccountSlots slots = new AccountSlots(2);
    private final List<OwnerRef> woken = new CopyOnWriteArrayList<>();

    AccountSlotsTest() {
        slots.addListener(woken::add);
    }

    @Test
    void aFullAccountDefersItsPassesButNotOtherAccounts() {
        Optional<AccountSlots.Lease> first = slots.tryAcquire(grant("a"), Set.of(SLOW));
        Optional<AccountSlots.Lease> second = slots.tryAcquire(grant("b"), Set.of(SLOW));

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(slots.tryAcquire(grant("c"), Set.of(SLOW))).isEmpty();
        assertThat(slots.tryAcquire(grant("d"), Set.of(OTHER, SLOW))).isEmpty();
        assertThat(slots.inUse(OTHER)).as("all or nothing").isZero();
        assertThat(slots.tryAcquire(grant("e"), Set.of(OTHER))).isPresent();
    }

    @Test
    void aReleasedSlotWakesTheLongestWaitingGrantOnce() {
        AccountSlots.Lease first = slots.tryAcquire(grant("a"), Set.of(SLOW)).orElseThrow();
        slots.tryAcquire(grant("b"), Set.of(SLOW)).orElseThrow();
        slots.tryAcquire(grant("c"), Set.of(SLOW));
        slots.tryAcquire(grant("d"), Set.of(SLOW));
        slots.tryAcquire(grant("c"), Set.of(SLOW)); // deferred again: still queued once

        first.close();
        first.close(); // idempotent

        assertThat(woken).containsExactly(grant("c"));
        assertThat(slots.inUse(SLOW)).isEqualTo(1);
    }

    @Test
    void aGrantThatGotItsTurnOtherwiseIsNotWokenLater() {
        AccountSlots.Lease first = slots.tryAcquire(grant("a"), Set.of(SLOW)).orElseThrow();
        AccountSlots.Lease second = slots.tryAcquire(grant("b"), Set.of(SLOW)).orElseThrow();
        slots.tryAcquire(grant("c"), Set.of(SLOW));
        slots.tryAcquire(grant("d"), Set.of(SLOW));
        first.close(); // wakes c; d's pass comes first through another event
        AccountSlots.Lease third = slots.tryAcquire(grant("d"), Set.of(SLOW)).orElseThrow();
        woken.clear();

        third.close();
        second.close();

        assertThat(woken).isEmpty();
        assertThat(slots.inUse(SLOW)).isZero();
    }

    @Test
    void needsAtLeastOnePassPerAccount() {
        assertThatThrownBy(() -> new AccountSlots(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AccountSlots.unlimited().tryAcquire(grant("a"), Set.of(SLOW))).isPresent();
    }

    private static OwnerRef grant(String name) {
        return new OwnerRef("team-a", "DmsAccessRole", name);
    }
}
