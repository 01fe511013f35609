package io.ramgrants.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The ActionTrail event history of every account: one management event per successful RAM
 * write, with the field names and shapes of ActionTrail's event structure (eventId,
 * eventName, eventTime, eventType, eventRW, serviceName, userIdentity, sourceIpAddress,
 * requestParameters, resourceName/resourceType, acsRegion, requestId, ...). An event becomes
 * visible to {@code LookupEvents} only after the configured delivery delay. Thread-safe.
 */
final class ActionTrailLog {
    static final String REGION = "cn-hangzhou";
    /** Request parameters ActionTrail does not repeat: the signature and its ingredients. */
    private static final Set<String> UNRECORDED = Set.of("AccessKeyId", "Signature", "SignatureMethod",
            "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken", "Format", "Action",
            "Version");

    /** One recorded event and the values {@code LookupAttribute} keys match against. */
    record Entry(long sequence, Instant eventTime, Instant deliverAt, Map<String, Object> event,
                 Map<String, Set<String>> lookupValues) {
        boolean matches(String key, String value) {
            return lookupValues.getOrDefault(key, Set.of()).contains(value);
        }
    }

    private final Map<String, List<Entry>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, String> addressByKey = new ConcurrentHashMap<>();
    private final Random random;
    private volatile ActionTrailSettings settings;
    private long sequence;

    ActionTrailLog(ActionTrailSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed);
    }

    ActionTrailSettings settings() {
        return settings;
    }

    void settings(ActionTrailSettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings);
    }

    /** Calls signed with {@code accessKeyId} are recorded as coming from {@code address} (a console user elsewhere). */
    void sourceAddress(String accessKeyId, String address) {
        addressByKey.put(accessKeyId, address);
    }

    /**
     * Records the successful RAM write {@code action} made by {@code caller} with the AccessKey
     * {@code accessKeyId} from {@code sourceIp}, at {@code now}.
     */
    void record(Caller caller, String accessKeyId, RpcRequest request, String action, String requestId,
                String sourceIp, Instant now) {
        ActionTrailSettings current = settings;
        if (accessKeyId != null) {
            sourceIp = addressByKey.getOrDefault(accessKeyId, sourceIp);
        }
        boolean lost;
        boolean duplicate;
        long seq;
        synchronized (this) {
            lost = current.lostEvents() > 0 && random.nextDouble() < current.lostEvents();
            duplicate = current.duplicateEvents() > 0 && random.nextDouble() < current.duplicateEvents();
            seq = ++sequence;
        }
        if (lost) {
            return;
        }
        Map<String, Object> parameters = new TreeMap<>();
        request.params().forEach((k, v) -> {
            if (!UNRECORDED.contains(k)) {
                parameters.put(k, v);
            }
        });
        Map<String, List<String>> resources = resources(request);
        Map<String, Object> identity = UserIdentities.of(caller, accessKeyId, now);
        Map<String, Object> event = new LinkedHashMap<>();
        String eventId = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        event.put("eventId", eventId);
        event.put("eventVersion", "1");
        event.put("eventName", action);
        event.put("eventType", "ApiCall");
        event.put("eventRW", "Write");
        event.put("eventCategory", "Management");
        event.put("eventSource", "ram.aliyuncs.com");
        event.put("eventTime", RamTime.format(now));
        event.put("serviceName", "Ram");
        event.put("apiVersion", "2015-05-01");
        event.put("acsRegion", REGION);
        event.put("requestId", requestId);
        event.put("sourceIpAddress", sourceIp);
        event.put("userAgent", String.valueOf(request.header("user-agent")));
        event.put("userIdentity", identity);
        event.put("requestParameters", parameters);
        event.put("resourceType", String.join(";", resources.keySet()));
        event.put("resourceName", String.join(";", resources.values().stream().flatMap(List::stream).toList()));
        event.put("referencedResources", resources);
        event.put("recipientAccountId", caller.accountId());
        event.put("errorCode", "");
        event.put("errorMessage", "");

        Map<String, Set<String>> values = new LinkedHashMap<>();
        values.put("ServiceName", Set.of("Ram"));
        values.put("EventName", Set.of(action));
        values.put("EventRW", Set.of("Write"));
        values.put("EventType", Set.of("ApiCall"));
        values.put("EventId", Set.of(eventId));
        values.put("SourceIpAddress", Set.of(sourceIp));
        if (accessKeyId != null) {
            values.put("EventAccessKeyId", Set.of(accessKeyId));
        }
        Object user = identity.get("userName");
        if (user != null) {
            values.put("User", Set.of(user.toString()));
        }
        if (caller.type() == Caller.Type.ASSUMED_ROLE) {
            values.put("RoleName", Set.of(caller.roleName()));
        }
        values.put("ResourceType", resources.keySet());
        values.put("ResourceName", new LinkedHashSet<>(resources.values().stream().flatMap(List::stream).toList()));

        Instant deliverAt = now.plus(current.eventDelay());
        List<Entry> events = byAccount.computeIfAbsent(caller.accountId(), a -> new ArrayList<>());
        synchronized (events) {
            Instant second = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            events.add(new Entry(seq, second, deliverAt, event, values));
            if (duplicate) {
                events.add(new Entry(seq, second, deliverAt.plusSeconds(1), event, values));
            }
        }
    }

    /** Delivered events of {@code accountId} at {@code now} passing {@code filter}, newest first. */
    List<Entry> delivered(String accountId, Instant now, Predicate<Entry> filter) {
        List<Entry> events = byAccount.getOrDefault(accountId, List.of());
        List<Entry> out = new ArrayList<>();
        synchronized (events) {
            for (Entry e : events) {
                if (!e.deliverAt().isAfter(now) && filter.test(e)) {
                    out.add(e);
                }
            }
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(Entry::eventTime)
            .thenComparingLong(Entry::sequence).thenComparing(Entry::deliverAt).reversed();

    /** The resources a RAM write names, by ActionTrail resource type. */
    private static Map<String, List<String>> resources(RpcRequest request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        add(out, "ACS::RAM::Role", request.param("RoleName"));
        add(out, "ACS::RAM::Policy", request.param("PolicyName"));
        add(out, "ACS::RAM::User", request.param("UserName"));
        return out;
    }

    private static void add(Map<String, List<String>> out, String type, String name) {
        if (name != null) {
            out.computeIfAbsent(type, t -> new ArrayList<>()).add(name);
        }
    }
}
