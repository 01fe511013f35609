package io.ramgrants.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.ramgrants.api.DriftEventsStatus;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code DriftEvents} condition of an AlibabaCloudAccount, from its drift event feed's state:
 * True (reason {@code Reading}) while RAM write events are read from ActionTrail; False while they
 * cannot be ({@code ActionTrailAccessDenied}, {@code ActionTrailQueryRefused}: drift is then found
 * by polling only, and the message says what to grant). It is informational: Ready stays what the
 * credentials' verification says, grants keep working, and kstatus reads only Ready, Reconciling
 * and Stalled, so a False DriftEvents leaves the account Current.
 */
public final class DriftEventConditions {
    public static final String TYPE = "DriftEvents";
    public static final String READING = DriftEventsStatus.READING;
    /** For a state saved without a reason (or one this version does not know). */
    public static final String UNAVAILABLE = "ActionTrailUnavailable";
    private static final Set<String> UNAVAILABLE_REASONS = Set.of(DriftEventsStatus.ACCESS_DENIED,
            DriftEventsStatus.QUERY_REFUSED);
    /** The state is read back from status, which others could have written: keep the message bounded. */
    private static final int MAX_MESSAGE = 1024;

    private DriftEventConditions() {}

    static Optional<Condition> of(DriftEventsStatus feed, Long generation) {
        if (feed == null || feed.state == null) {
            return Optional.empty();
        }
        boolean active = DriftEventsStatus.ACTIVE.equals(feed.state);
        if (!active && !DriftEventsStatus.UNAVAILABLE.equals(feed.state)) {
            return Optional.empty();
        }
        String reason = active ? READING
                : feed.reason != null && UNAVAILABLE_REASONS.contains(feed.reason) ? feed.reason : UNAVAILABLE;
        String message = feed.message == null || feed.message.isBlank()
                ? (active ? "reading RAM write events from ActionTrail"
                        : "ActionTrail LookupEvents is unavailable: drift is found by polling only (resync, full sweep)")
                : feed.message.length() > MAX_MESSAGE ? feed.message.substring(0, MAX_MESSAGE) : feed.message;
        return Optional.of(Conditions.condition(TYPE, active, reason, message, generation));
    }
}
