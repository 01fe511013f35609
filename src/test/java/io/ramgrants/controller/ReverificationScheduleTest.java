package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.accounts.AccountReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReverificationScheduleTest {
    final ReverificationSchedule schedule =
            new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(30), () -> 0.5);

    @Test
    void verifiedAndStalledAccountsAreReverifiedPeriodically() {
        assertThat(schedule.next("a", AccountReason.Verified)).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.next("a", AccountReason.StsAccessDenied)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void transientFailuresBackOffExponentiallyUpToTheMaximumAndResetOnSuccess() {
        assertThat(schedule.next("a", AccountReason.StsUnavailable)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.next("a", AccountReason.StsUnavailable)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.next("b", AccountReason.StsUnavailable)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.next("a", AccountReason.StsUnavailable)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.next("a", AccountReason.StsUnavailable)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.next("a", AccountReason.StsUnavailable)).isEqualTo(Duration.ofSeconds(30));

        schedule.next("a", AccountReason.Verified);
        assertThat(schedule.next("a", AccountReason.StsUnavailable)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterStaysWithinTenPercent() {
        ReverificationSchedule low = new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofSeconds(5),
                Duration.ofSeconds(30), () -> 0.0);
        ReverificationSchedule high = new ReverificationSchedule(Duration.ofMinutes(10), Duration.ofSeconds(5),
                Duration.ofSeconds(30), () -> 0.999_999);

        assertThat(low.next("a", AccountReason.Verified)).isEqualTo(Duration.ofMinutes(9));
        assertThat(high.next("a", AccountReason.Verified)).isBetween(Duration.ofSeconds(659), Duration.ofMinutes(11));
    }
}
