package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /_emulator/actiontrail}: read and change event delivery at runtime. Body of the POST:
 * {@code {"eventDelayMs": 10000, "lostEvents": 0.1, "duplicateEvents": 0.1}}, each optional.
 */
final class ActionTrailAdmin {
    private ActionTrailAdmin() {
    }

    static Map<String, Object> describe(ActionTrailSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventDelayMs", s.eventDelay().toMillis());
        out.put("lostEvents", s.lostEvents());
        out.put("duplicateEvents", s.duplicateEvents());
        return out;
    }

    static void update(HttpExchange exchange, byte[] body, RamEmulator emulator) throws IOException {
        ActionTrailSettings current = emulator.actionTrail();
        try {
            JsonNode json = HttpResponses.JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            ActionTrailSettings updated = new ActionTrailSettings(
                    Duration.ofMillis(json.path("eventDelayMs").asLong(current.eventDelay().toMillis())),
                    json.path("lostEvents").asDouble(current.lostEvents()),
                    json.path("duplicateEvents").asDouble(current.duplicateEvents()));
            emulator.setActionTrail(updated);
            HttpResponses.send(exchange, 200, null, describe(updated));
        } catch (IOException | IllegalArgumentException e) {
            HttpResponses.send(exchange, 400, null, Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
