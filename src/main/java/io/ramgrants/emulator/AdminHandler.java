package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The out-of-band surface under {@code /_emulator/}: call counters and fault settings.
 * Unauthenticated, so it answers loopback clients only (the server binds 127.0.0.1 anyway).
 */
final class AdminHandler implements HttpHandler {
    static final String PREFIX = "/_emulator/";

    private final RamEmulator emulator;
    private final CallCounters counters;

    AdminHandler(RamEmulator emulator, CallCounters counters) {
        this.emulator = emulator;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                HttpResponses.send(exchange, 403, null, Map.of("error", "the admin surface answers loopback clients only"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /_emulator/calls" -> HttpResponses.send(exchange, 200, null, calls());
                case "POST /_emulator/calls/reset" -> {
                    counters.reset();
                    HttpResponses.send(exchange, 200, null, Map.of("reset", true));
                }
                case "GET /_emulator/faults" -> HttpResponses.send(exchange, 200, null, emulator.faults());
                case "POST /_emulator/faults" -> updateFaults(exchange, body);
                case "POST /_emulator/users" -> addUser(exchange, body);
                default -> HttpResponses.send(exchange, 404, null, Map.of("error", "no such admin endpoint: " + route));
            }
        }
    }

    /** Served calls under the action name; throttled, 5xx and lost-reply answers under {@code Action#throttled}, {@code Action#5xx}, {@code Action#lostReply}. */
    private Map<String, Map<String, Long>> calls() {
        Map<String, Map<String, Long>> out = new TreeMap<>(counters.snapshot(CallCounters.Kind.SERVED));
        merge(out, counters.snapshot(CallCounters.Kind.THROTTLED), "#throttled");
        merge(out, counters.snapshot(CallCounters.Kind.SERVER_ERROR), "#5xx");
        merge(out, counters.snapshot(CallCounters.Kind.LOST_REPLY), RamEmulator.LOST_REPLY_SUFFIX);
        return out;
    }

    private static void merge(Map<String, Map<String, Long>> into, Map<String, Map<String, Long>> from, String suffix) {
        from.forEach((account, actions) -> actions.forEach((action, n) ->
                into.computeIfAbsent(account, a -> new TreeMap<>()).put(action + suffix, n)));
    }

    /** {@code {"accountId","userName","accessKeyId","accessKeySecret","systemPolicies":[...]}}; the secret is never echoed. */
    private void addUser(HttpExchange exchange, byte[] body) throws IOException {
        try {
            JsonNode json = HttpResponses.JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            java.util.List<String> policies = new java.util.ArrayList<>();
            json.path("systemPolicies").forEach(p -> policies.add(p.asText()));
            EmulatorConfig probe = EmulatorConfig.builder().user(json.path("accountId").asText(null),
                    json.path("userName").asText(null), json.path("accessKeyId").asText(null),
                    json.path("accessKeySecret").asText(null), policies.toArray(String[]::new)).build();
            EmulatorConfig.UserKey user = probe.users().get(0);
            emulator.addUser(user);
            HttpResponses.send(exchange, 200, null, Map.of("accountId", user.accountId(), "userName", user.userName(),
                    "accessKeyId", user.accessKeyId(), "systemPolicies", user.systemPolicies()));
        } catch (IOException | IllegalArgumentException e) {
            HttpResponses.send(exchange, 400, null, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void updateFaults(HttpExchange exchange, byte[] body) throws IOException {
        FaultSettings current = emulator.faults();
        try {
            JsonNode json = HttpResponses.JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            FaultSettings updated = new FaultSettings(
                    json.path("throttle").asDouble(current.throttle()),
                    json.path("serverError").asDouble(current.serverError()),
                    json.path("latencyMs").asLong(current.latencyMs()),
                    json.path("lostReply").asDouble(current.lostReply()),
                    json.path("consistencyLagMs").asLong(current.consistencyLagMs()));
            emulator.setFaults(updated);
            HttpResponses.send(exchange, 200, null, updated);
        } catch (IOException | IllegalArgumentException e) {
            HttpResponses.send(exchange, 400, null, Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
