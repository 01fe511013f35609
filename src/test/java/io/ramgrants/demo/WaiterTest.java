package io.ramgrants.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaiterTest {
    @Test
    void returnsTheResultOnceTheProbeHolds() {
        AtomicInteger polls = new AtomicInteger();
        String result = new Waiter(Duration.ofSeconds(5)).until("the third poll",
                () -> polls.incrementAndGet() == 3 ? Optional.of("done") : Optional.empty(), () -> "n/a");
        assertThat(result).isEqualTo("done");
        assertThat(polls).hasValue(3);
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndWhatWasLastSeen() {
        assertThatThrownBy(() -> new Waiter(Duration.ofMillis(120)).until("grant x to become Ready",
                Optional::empty, () -> "Ready=False AccountNotReady"))
                .isInstanceOf(DemoFailure.class)
                .hasMessageContaining("waiting for grant x to become Ready")
                .hasMessageContaining("last seen: Ready=False AccountNotReady");
    }

    @Test
    void aProbeThatKeepsFailingReportsItsLastError() {
        assertThatThrownBy(() -> new Waiter(Duration.ofMillis(120)).until("RAM to answer",
                () -> {
                    throw new IllegalStateException("connection refused");
                }, () -> "unused"))
                .isInstanceOf(DemoFailure.class)
                .hasMessageContaining("last error: connection refused");
    }
}
