package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesPerFailureUpToTheCap() {
        Duration first = Duration.ofSeconds(5);
        assertThat(Backoff.exponential(first, 1, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.exponential(first, 3, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(20));
        assertThat(Backoff.exponential(first, 5, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(Backoff.exponential(first, 10_000, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void jitterSpansPlusMinusTheFraction() {
        Duration base = Duration.ofSeconds(100);
        assertThat(Backoff.jittered(base, 0.1, 0.0)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Backoff.jittered(base, 0.1, 0.5)).isEqualTo(base);
        assertThat(Backoff.jittered(base, 0.1, 0.75)).isEqualTo(Duration.ofSeconds(105));
        assertThat(Backoff.jittered(base, 0.1, 0.999_999)).isBetween(Duration.ofMillis(109_990), Duration.ofSeconds(110));
        assertThat(Backoff.jittered(Duration.ZERO, 0.1, 0.0)).isEqualTo(Duration.ofMillis(1));
    }
}
