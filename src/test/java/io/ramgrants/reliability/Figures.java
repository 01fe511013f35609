package io.ramgrants.reliability;

import io.ramgrants.desired.DesiredState;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Counting helpers over the emulator's counters, and the one line per scenario that
 * RELIABILITY.md quotes ({@code [figures] scenario key=value ...} in the surefire output).
 */
final class Figures {
    /** RAM actions that change state; everything else (Get*, List*, STS) only reads. */
    static final Set<String> WRITE_ACTIONS = Set.of("CreateRole", "UpdateRole", "DeleteRole", "AttachPolicyToRole",
            "DetachPolicyFromRole", "CreatePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "DeletePolicy",
            "SetDefaultPolicyVersion");

    private Figures() {}

    static long total(Map<String, Map<String, Long>> counts) {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    static long writes(Map<String, Map<String, Long>> counts) {
        return counts.values().stream().mapToLong(Figures::writesOf).sum();
    }

    static long writesOf(Map<String, Long> actions) {
        return actions.entrySet().stream().filter(e -> WRITE_ACTIONS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    static long count(Map<String, Map<String, Long>> counts, String action) {
        return counts.values().stream().mapToLong(m -> m.getOrDefault(action, 0L)).sum();
    }

    static int roles(Collection<DesiredState> states) {
        return states.stream().mapToInt(s -> s.roles().size()).sum();
    }

    static void print(String scenario, String... figures) {
        System.out.println("[figures] " + scenario + " " + String.join(" ", figures));
    }
}
