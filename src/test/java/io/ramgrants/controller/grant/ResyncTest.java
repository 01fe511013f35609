package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResyncTest {
    private final Resync resync = new Resync(Duration.ofMinutes(10), Duration.ofSeconds(5));

    @Test
    void aSettledPassComesBackAfterTheJitteredPeriod() {
        for (int i = 0; i < 100; i++) {
            assertThat(resync.next("ns/a", false)).isBetween(Duration.ofSeconds(540), Duration.ofSeconds(660))
                    .isLessThanOrEqualTo(Resync.longestWait(Duration.ofMinutes(10)));
        }
    }

    @Test
    void transientFailuresBackOffExponentiallyUpToThePeriodAndResetOnSuccess() {
        assertThat(resync.next("ns/a", true)).isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500));
        assertThat(resync.next("ns/a", true)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        assertThat(resync.next("ns/a", true)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(22));
        for (int i = 0; i < 30; i++) {
            assertThat(resync.next("ns/a", true)).isLessThanOrEqualTo(Resync.longestWait(Duration.ofMinutes(10)))
                    .isLessThanOrEqualTo(Duration.ofSeconds(660));
        }
        assertThat(resync.next("ns/b", true)).isLessThan(Duration.ofSeconds(6));
        resync.next("ns/a", false);
        assertThat(resync.next("ns/a", true)).isLessThan(Duration.ofSeconds(6));
    }
}
