package io.ramgrants.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RAM's timestamps: the fast path must parse and refuse exactly what {@link Instant#parse} does. */
class RamTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T11:04:42Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
            "2026-11-26T11:04:42.123Z", "2026-11-26T24:00:00Z", "2026-12-31T23:59:60Z"})
    void parsesWhatInstantParses(String text) {
        assertThat(RamTime.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-26T11:61:00Z",
            "2026-1a-26T11:04:42Z", "2026-11-26 11:04:42Z", "2026-11-26T11:04:42", "", "yesterday"})
    void refusesWhatInstantRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> RamTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void formatsWholeSecondsInUtc() {
        assertThat(RamTime.format(Instant.parse("2026-11-26T11:04:42.987Z"))).isEqualTo("2026-11-26T11:04:42Z");
        assertThat(RamTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    }
}
