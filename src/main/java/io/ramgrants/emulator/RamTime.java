package io.ramgrants.emulator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * RAM's timestamp format: {@code 2026-11-26T11:04:42Z}, UTC, whole seconds. Every request is
 * timestamped and every response carries dates, so both directions avoid the general-purpose
 * formatter machinery (a JDK 17 {@code Instant.parse} builds a new formatter per call).
 */
final class RamTime {
    private static final int LENGTH = "2026-11-26T11:04:42Z".length();

    private RamTime() {
    }

    /** {@code Instant.toString()} of a whole second is exactly RAM's format. */
    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Parses an ISO-8601 UTC instant as {@link Instant#parse} does; RAM's own shape takes a
     * fast path, anything else (fractions, 24:00, leap seconds, malformed text) the JDK's.
     *
     * @throws DateTimeParseException as {@link Instant#parse}
     */
    static Instant parse(String text) {
        if (text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            try {
                return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                        digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19)).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // Out-of-range fields or non-digits: the JDK decides (and words the error).
            }
        }
        return Instant.parse(text);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a digit at " + i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
