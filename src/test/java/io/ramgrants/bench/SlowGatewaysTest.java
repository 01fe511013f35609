package io.ramgrants.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.accounts.IdOnlyRamGateway;
import io.ramgrants.ram.RamGateway;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SlowGatewaysTest {
    private static final Duration LATENCY = Duration.ofMillis(200);
    private final UnaryOperator<RamGateway> slowing = SlowGateways.slowing("slow", LATENCY);

    @Test
    void onlyTheSlowAccountsCallsWaitAndFailuresPassThrough() {
        RamGateway slow = slowing.apply(IdOnlyRamGateway.of("slow"));
        RamGateway other = IdOnlyRamGateway.of("other");

        assertThat(slowing.apply(other)).isSameAs(other);
        assertThat(slow.accountId()).isEqualTo("slow");
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.getRole("r")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LATENCY);
    }

    @Test
    void aSlowAccountNeedsTheControllersAndAnotherAccount() {
        Duration ms = Duration.ofMillis(100);
        BenchOptions plain = new BenchOptions(10, 2, 0, 0.25, 4, Duration.ofMinutes(10), Duration.ofHours(6), true);
        assertThat(plain.slowAccountLatency()).isZero();
        assertThatThrownBy(() -> new BenchOptions(10, 2, 0, 0.25, 4, Duration.ofMinutes(10), Duration.ofHours(6), false,
                ms, plain.concurrency())).hasMessageContaining("--with-kube");
        assertThatThrownBy(() -> new BenchOptions(10, 1, 0, 0.25, 4, Duration.ofMinutes(10), Duration.ofHours(6), true,
                ms, plain.concurrency())).hasMessageContaining("two accounts");
    }
}
