package io.ramgrants.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the emulated ActionTrail delivers the events of RAM writes, changeable at runtime: the
 * delay between a write and the moment {@code LookupEvents} returns its event (real ActionTrail
 * is not instantaneous), the fraction of events never delivered, and the fraction delivered
 * twice under one event ID. Loss and duplicates exist to test the consumer, not because
 * ActionTrail documents them.
 */
public record ActionTrailSettings(Duration eventDelay, double lostEvents, double duplicateEvents) {
    public static final ActionTrailSettings IMMEDIATE = new ActionTrailSettings(Duration.ZERO, 0, 0);

    public ActionTrailSettings {
        Objects.requireNonNull(eventDelay, "eventDelay");
        if (eventDelay.isNegative()) {
            throw new IllegalArgumentException("eventDelay must be >= 0");
        }
        requireFraction("lostEvents", lostEvents);
        requireFraction("duplicateEvents", duplicateEvents);
    }

    public static ActionTrailSettings delayed(Duration delay) {
        return new ActionTrailSettings(delay, 0, 0);
    }

    public ActionTrailSettings withEventDelay(Duration delay) {
        return new ActionTrailSettings(delay, lostEvents, duplicateEvents);
    }

    public ActionTrailSettings withLostEvents(double fraction) {
        return new ActionTrailSettings(eventDelay, fraction, duplicateEvents);
    }

    public ActionTrailSettings withDuplicateEvents(double fraction) {
        return new ActionTrailSettings(eventDelay, lostEvents, fraction);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, got " + value);
        }
    }
}
