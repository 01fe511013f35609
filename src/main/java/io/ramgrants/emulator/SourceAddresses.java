package io.ramgrants.emulator;

import com.sun.net.httpserver.HttpExchange;

/**
 * Who sent a call, as ActionTrail records it: the client address ({@code X-Forwarded-For}
 * when a test or proxy names the original client, else the TCP peer) and the AccessKey ID
 * that signed it (v1 {@code AccessKeyId} parameter or the ACS3 {@code Authorization} header).
 */
final class SourceAddresses {
    static final String FORWARDED_FOR = "x-forwarded-for";

    private SourceAddresses() {
    }

    static String of(HttpExchange exchange, RpcRequest request) {
        String forwarded = request.header(FORWARDED_FOR);
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",")[0].trim();
            if (first.matches("[0-9A-Fa-f:.]{2,45}")) {
                return first;
            }
        }
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    static String accessKeyId(RpcRequest request) {
        if (request.isAcs3()) {
            try {
                return SignatureAcs3.Authorization.parse(request.header("authorization")).accessKeyId();
            } catch (RamError e) {
                return null;
            }
        }
        return request.param("AccessKeyId");
    }
}
