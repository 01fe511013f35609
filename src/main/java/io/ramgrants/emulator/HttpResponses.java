package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;

/** Writes JSON bodies; every response carries a RequestId, as Alibaba Cloud's do. */
final class HttpResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponses() {
    }

    /** A request ID in Alibaba Cloud's shape: an upper-case UUID. */
    static String newRequestId() {
        return UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    }

    static void send(HttpExchange exchange, int status, String requestId, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        if (requestId != null) {
            exchange.getResponseHeaders().set("x-acs-request-id", requestId);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, Object> error(RamError e, String requestId, ActionRouter.Product product) {
        return Body.of("RequestId", requestId, "HostId", product.host, "Code", e.code(), "Message", e.getMessage(),
                "Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=" + product.label
                        + "&requestId=" + requestId);
    }
}
