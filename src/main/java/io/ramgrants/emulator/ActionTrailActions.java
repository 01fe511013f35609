package io.ramgrants.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * ActionTrail 2020-07-06 {@code LookupEvents} over the {@link ActionTrailLog}: StartTime and
 * EndTime (UTC, ISO 8601), at most two {@code LookupAttribute.N.Key/Value} pairs (exact,
 * case-sensitive; the same key twice keeps the second), {@code MaxResults} 1 to 50 (default
 * 20), {@code NextToken} paging, newest event first, the last 90 days only, about two calls
 * per second per account, and {@code actiontrail:LookupEvents} required of role sessions.
 */
final class ActionTrailActions {
    static final int MAX_RESULTS = 50;
    static final int DEFAULT_RESULTS = 20;
    static final int MAX_ATTRIBUTES = 2;
    static final double CALLS_PER_SECOND = 2;
    static final Duration RETENTION = Duration.ofDays(90);
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Set<String> KEYS = Set.of("ServiceName", "EventName", "User", "EventId", "ResourceType",
            "ResourceName", "EventRW", "EventAccessKeyId", "SourceIpAddress", "EventType", "RoleName");

    private final ActionTrailLog log;
    private final Permissions permissions;
    private final Map<String, TokenBucket> quota = new ConcurrentHashMap<>();

    ActionTrailActions(ActionTrailLog log, Permissions permissions) {
        this.log = log;
        this.permissions = permissions;
    }

    void register(Map<String, Action> actions) {
        actions.put("LookupEvents", this::lookupEvents);
    }

    private Map<String, Object> lookupEvents(ActionContext ctx) {
        String account = ctx.caller().accountId();
        if (!quota.computeIfAbsent(account, a -> new TokenBucket(CALLS_PER_SECOND, System::nanoTime)).tryAcquire()) {
            throw RamError.throttled();
        }
        permissions.requireService(ctx.caller(), "actiontrail:LookupEvents");
        RpcRequest req = ctx.request();
        Instant now = ctx.now();
        Instant end = time(req, "EndTime", now);
        Instant start = time(req, "StartTime", end.minus(DEFAULT_RANGE));
        if (end.isBefore(start)) {
            throw RamError.badRequest("InvalidParameter.TimeRange", "The EndTime must not be earlier than the StartTime.");
        }
        if (start.isBefore(now.minus(RETENTION))) {
            throw RamError.badRequest("InvalidParameter.StartTime",
                    "The StartTime must be within the last 90 days.");
        }
        int max = maxResults(req);
        Map<String, String> attributes = attributes(req);
        // A token belongs to the query as sent (the defaults move with the clock; the token's position does not).
        String fingerprint = Integer.toHexString((req.param("StartTime") + "|" + req.param("EndTime") + "|"
                + attributes).hashCode());
        Cursor after = Cursor.decode(req.param("NextToken"), fingerprint);

        Predicate<ActionTrailLog.Entry> filter = e -> !e.eventTime().isBefore(start) && !e.eventTime().isAfter(end)
                && attributes.entrySet().stream().allMatch(a -> e.matches(a.getKey(), a.getValue()))
                && (after == null || after.before(e));
        List<ActionTrailLog.Entry> matching = log.delivered(account, now, filter);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < Math.min(max, matching.size()); i++) {
            events.add(matching.get(i).event());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Events", events);
        if (matching.size() > max) {
            body.put("NextToken", Cursor.of(matching.get(max - 1), fingerprint).encode());
        }
        body.put("StartTime", RamTime.format(start));
        body.put("EndTime", RamTime.format(end));
        return body;
    }

    private static Instant time(RpcRequest req, String name, Instant fallback) {
        String text = req.param(name);
        if (text == null) {
            return fallback;
        }
        try {
            return RamTime.parse(text);
        } catch (DateTimeParseException e) {
            throw RamError.badRequest("InvalidParameter." + name,
                    "The " + name + " must be in the format yyyy-MM-ddTHH:mm:ssZ (UTC).");
        }
    }

    private static int maxResults(RpcRequest req) {
        String text = req.param("MaxResults");
        if (text == null) {
            return DEFAULT_RESULTS;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_RESULTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw RamError.badRequest("InvalidParameter.MaxResults", "The MaxResults must be an integer from 1 to 50.");
    }

    /** {@code LookupAttribute.N.Key/Value} in N order; the same key twice keeps the later value. */
    private static Map<String, String> attributes(RpcRequest req) {
        Map<Integer, String[]> byIndex = new java.util.TreeMap<>();
        for (Map.Entry<String, String> p : req.params().entrySet()) {
            String name = p.getKey();
            if (!name.startsWith("LookupAttribute.")) {
                continue;
            }
            String[] parts = name.split("\\.");
            if (parts.length != 3 || !(parts[2].equals("Key") || parts[2].equals("Value"))) {
                throw RamError.badRequest("InvalidParameter.LookupAttribute", "Unknown parameter " + name + ".");
            }
            int index;
            try {
                index = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw RamError.badRequest("InvalidParameter.LookupAttribute", "Unknown parameter " + name + ".");
            }
            String[] pair = byIndex.computeIfAbsent(index, i -> new String[2]);
            pair[parts[2].equals("Key") ? 0 : 1] = p.getValue();
        }
        if (byIndex.size() > MAX_ATTRIBUTES) {
            throw RamError.badRequest("InvalidParameter.LookupAttribute",
                    "At most 2 LookupAttribute items may be specified.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] pair : byIndex.values()) {
            if (pair[0] == null || pair[1] == null || pair[1].isEmpty()) {
                throw RamError.badRequest("InvalidParameter.LookupAttribute",
                        "Each LookupAttribute needs both a Key and a Value.");
            }
            if (!KEYS.contains(pair[0])) {
                throw RamError.badRequest("InvalidParameter.LookupAttribute.Key",
                        "The LookupAttribute key " + pair[0] + " is not supported.");
            }
            out.put(pair[0], pair[1]);
        }
        return out;
    }

    /** Where the previous page ended: the position of its last event in newest-first order. */
    private record Cursor(long eventSecond, long sequence, long deliverMillis, String fingerprint) {
        static Cursor of(ActionTrailLog.Entry last, String fingerprint) {
            return new Cursor(last.eventTime().getEpochSecond(), last.sequence(), last.deliverAt().toEpochMilli(),
                    fingerprint);
        }

        /** Whether {@code e} comes after this position (is older) in newest-first order. */
        boolean before(ActionTrailLog.Entry e) {
            int c = Long.compare(e.eventTime().getEpochSecond(), eventSecond);
            if (c == 0) {
                c = Long.compare(e.sequence(), sequence);
            }
            if (c == 0) {
                c = Long.compare(e.deliverAt().toEpochMilli(), deliverMillis);
            }
            return c < 0;
        }

        String encode() {
            String raw = eventSecond + ":" + sequence + ":" + deliverMillis + ":" + fingerprint;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token, String fingerprint) {
            if (token == null) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                if (parts.length == 4 && parts[3].equals(fingerprint)) {
                    return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                            fingerprint);
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error
            }
            throw RamError.badRequest("InvalidParameter.NextToken",
                    "The NextToken is invalid or does not belong to this query.");
        }
    }
}
