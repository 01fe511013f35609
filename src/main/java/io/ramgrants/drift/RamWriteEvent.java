package io.ramgrants.drift;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One RAM write event from ActionTrail, reduced to what drift detection uses and checked as
 * untrusted input: names must look like RAM names, the IP like an IP, the AccessKey ID like one;
 * anything else is dropped rather than repeated into status or events. Parameters that could
 * carry a secret are never read.
 *
 * @param roles    role names the write touched ({@code RoleName})
 * @param policies policy names it touched ({@code PolicyName})
 */
public record RamWriteEvent(String eventId, String eventName, Instant eventTime, String callerType,
                            String userName, String principalId, String accessKeyId, String sourceIp,
                            Set<String> roles, Set<String> policies, Map<String, String> details) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:/-]{1,128}");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z]{1,64}");
    private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9._-]{4,128}");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Parses an event; empty when it is not a usable RAM write (no ID, time or name). */
    public static Optional<RamWriteEvent> parse(Map<String, ?> event) {
        if (event == null) {
            return Optional.empty();
        }
        String id = text(event.get("eventId"), ID);
        String name = text(event.get("eventName"), ACTION);
        Instant time = instant(event.get("eventTime"));
        if (id == null || name == null || time == null) {
            return Optional.empty();
        }
        Map<?, ?> identity = event.get("userIdentity") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> params = event.get("requestParameters") instanceof Map<?, ?> m ? m : Map.of();
        Set<String> roles = new LinkedHashSet<>();
        Set<String> policies = new LinkedHashSet<>();
        addName(roles, params.get("RoleName"));
        addName(policies, params.get("PolicyName"));
        Map<String, String> details = new java.util.TreeMap<>();
        for (String key : new String[] {"PolicyType", "SetAsDefault", "VersionId"}) {
            String v = text(params.get(key), NAME);
            if (v != null) {
                details.put(key, v);
            }
        }
        // Which part of the role an UpdateRole changed: only whether the parameter is there.
        for (String key : new String[] {"NewAssumeRolePolicyDocument", "NewDescription", "NewMaxSessionDuration"}) {
            if (params.get(key) != null) {
                details.put(key, "present");
            }
        }
        return Optional.of(new RamWriteEvent(id, name, time, text(identity.get("type"), NAME),
                text(identity.get("userName"), NAME), text(identity.get("principalId"), NAME),
                text(identity.get("accessKeyId"), ACCESS_KEY), text(event.get("sourceIpAddress"), IP),
                Set.copyOf(roles), Set.copyOf(policies), Map.copyOf(details)));
    }

    private static void addName(Set<String> into, Object value) {
        String name = text(value, NAME);
        if (name != null) {
            into.add(name);
        }
    }

    private static String text(Object value, Pattern shape) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return shape.matcher(s).matches() ? s : null;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString().trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
