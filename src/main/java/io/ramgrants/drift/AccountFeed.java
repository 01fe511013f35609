package io.ramgrants.drift;

import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.ram.ActionTrailGateway;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event feed of one account: a cursor up to which events were read, the IDs of events
 * already seen (queries overlap the cursor, so late deliveries are found and repeats dropped),
 * the operator's own AccessKey IDs (its writes are not drift), and whether ActionTrail answers
 * at all. {@link #poll} makes at most one {@code LookupEvents} call. Not thread-safe: one
 * poller thread owns it.
 *
 * <p>A window holding more than one page (a burst of writes, most of them usually the operator's
 * own) is paged through one page per poll, oldest pages last; meanwhile every other poll reads
 * the newest page of {@code [cursor - overlap, now]} instead, so a fresh out-of-band write waits
 * at most two intervals behind a backlog. Only the paged window moves the cursor.
 */
final class AccountFeed {
    static final String ACTIVE = DriftEventsStatus.ACTIVE;
    static final String UNAVAILABLE = DriftEventsStatus.UNAVAILABLE;
    static final String READING = DriftEventsStatus.READING;
    static final String ACCESS_DENIED = DriftEventsStatus.ACCESS_DENIED;
    static final String QUERY_REFUSED = DriftEventsStatus.QUERY_REFUSED;
    /** After NoPermission, try again this much later by default (someone may grant the permission). */
    static final Duration RETRY_DENIED = DriftEventSettings.DEFAULT_RETRY_AFTER_REFUSAL;
    /** The event history reaches back 90 days; stay inside it. */
    static final Duration HISTORY = Duration.ofDays(89);
    private static final int OWN_KEYS = 16;

    /** What a poll found: the new out-of-band writes, in event time order. */
    record Poll(List<RamWriteEvent> outOfBand, int events, boolean called) {
    }

    final String accountName;
    final String accountId;
    private final ActionTrailGateway gateway;
    private final DriftEventSettings settings;
    private final Set<String> ownKeys = new LinkedHashSet<>();
    private final Map<String, Instant> seen = new HashMap<>();
    private Instant cursor;
    private String pendingToken;
    private Instant pendingStart;
    private Instant pendingEnd;
    private long polls;
    private String state = ACTIVE;
    private String reason = READING;
    private String message = "reading RAM write events from ActionTrail";
    private Instant retryAt = Instant.MIN;

    AccountFeed(String accountName, String accountId, ActionTrailGateway gateway, DriftEventSettings settings,
                DriftEventsStatus saved, Instant now) {
        this.accountName = accountName;
        this.accountId = accountId;
        this.gateway = gateway;
        this.settings = settings;
        Instant restored = saved == null ? null : parse(saved.cursor);
        Instant oldest = now.minus(HISTORY);
        this.cursor = restored == null ? now : restored.isBefore(oldest) ? oldest : restored;
    }

    /** The AccessKey the operator signs with in this account; events signed with it are ours. */
    void ownAccessKey(String accessKeyId) {
        if (accessKeyId != null && ownKeys.add(accessKeyId) && ownKeys.size() > OWN_KEYS) {
            ownKeys.remove(ownKeys.iterator().next());
        }
    }

    Poll poll(Instant now) {
        if (UNAVAILABLE.equals(state) && now.isBefore(retryAt)) {
            return new Poll(List.of(), 0, false);
        }
        boolean fresh = pendingToken != null && polls++ % 2 == 0;
        Instant start = pendingToken != null && !fresh ? pendingStart : cursor.minus(settings.overlap());
        Instant end = pendingToken != null && !fresh ? pendingEnd : now;
        if (start.isBefore(now.minus(HISTORY))) {
            start = now.minus(HISTORY);
        }
        ActionTrailGateway.EventPage page;
        try {
            page = gateway.lookupRamWrites(start, end, fresh ? null : pendingToken);
        } catch (RamException e) {
            failed(e, now);
            return new Poll(List.of(), 0, true);
        }
        List<RamWriteEvent> outOfBand = new ArrayList<>();
        for (Map<String, ?> raw : page.events()) {
            RamWriteEvent.parse(raw).ifPresent(event -> {
                if (seen.putIfAbsent(event.eventId(), event.eventTime()) == null
                        && (event.accessKeyId() == null || !ownKeys.contains(event.accessKeyId()))) {
                    outOfBand.add(event);
                }
            });
        }
        if (fresh) {
            // The newest page only: the backlog's paging (and the cursor) stay where they were.
            outOfBand.sort(java.util.Comparator.comparing(RamWriteEvent::eventTime));
            return new Poll(outOfBand, page.events().size(), true);
        }
        if (page.nextToken() != null) {
            pendingToken = page.nextToken();
            pendingStart = start;
            pendingEnd = end;
        } else {
            pendingToken = null;
            cursor = end;
            prune();
        }
        state = ACTIVE;
        reason = READING;
        message = "reading RAM write events from ActionTrail every " + settings.pollInterval().toSeconds()
                + " s; polling (resync, full sweep) remains the backstop";
        outOfBand.sort(java.util.Comparator.comparing(RamWriteEvent::eventTime));
        return new Poll(outOfBand, page.events().size(), true);
    }

    DriftEventsStatus status() {
        DriftEventsStatus s = new DriftEventsStatus();
        s.state = state;
        s.reason = reason;
        s.message = message;
        s.cursor = cursor.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return s;
    }

    String state() {
        return state;
    }

    private void failed(RamException e, Instant now) {
        if (e.kind() == RamErrorKind.ACCESS_DENIED || e.kind() == RamErrorKind.INVALID_INPUT) {
            Duration retry = settings.retryAfterRefusal();
            state = UNAVAILABLE;
            reason = e.kind() == RamErrorKind.ACCESS_DENIED ? ACCESS_DENIED : QUERY_REFUSED;
            retryAt = now.plus(retry);
            message = (e.kind() == RamErrorKind.ACCESS_DENIED
                    ? "the account's credentials may not call actiontrail:LookupEvents (" + code(e) + ")"
                    : "ActionTrail LookupEvents refused the query (" + code(e) + ")")
                    + ": drift is found by polling only (resync, full sweep); grant actiontrail:LookupEvents "
                    + "to see out-of-band changes within seconds; retrying in " + readable(retry);
        }
        // Throttling and 5xx: the next poll tries again from the same cursor; nothing is lost.
    }

    /** The service's error code goes into a condition message: only if it looks like one. */
    private static String code(RamException e) {
        return e.code() != null && e.code().matches("[A-Za-z0-9.]{1,64}") ? e.code() : "an error";
    }

    /** "10 min", "90 s": the message is shown in a condition, so no timestamp. */
    private static String readable(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : Math.max(1, d.toSeconds()) + " s";
    }

    private void prune() {
        Instant horizon = cursor.minus(settings.overlap()).minusSeconds(60);
        seen.values().removeIf(t -> t.isBefore(horizon));
    }

    private static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
