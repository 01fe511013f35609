package io.ramgrants.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Alibaba Cloud RPC call as received: method, path, the parameters of the query and
 * of a form body, and the headers (names lower-cased). Signatures need the two parameter
 * sources apart (ACS3 signs only the query), actions need them merged.
 */
final class RpcRequest {
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> params;
    private final Map<String, String> headers;
    private final byte[] body;

    RpcRequest(String method, String path, Map<String, String> query, Map<String, String> form,
               Map<String, String> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = Collections.unmodifiableMap(new TreeMap<>(query));
        Map<String, String> merged = new TreeMap<>(query);
        merged.putAll(form);
        this.params = Collections.unmodifiableMap(merged);
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = Collections.unmodifiableMap(lower);
        this.body = body;
    }

    /** Builds a request from the raw query string and body as they came off the wire. */
    static RpcRequest of(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> lowerHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> lowerHeaders.put(k.toLowerCase(Locale.ROOT), v));
        String contentType = lowerHeaders.getOrDefault("content-type", "");
        Map<String, String> form = contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                ? decodeForm(new String(body, StandardCharsets.UTF_8))
                : Map.of();
        return new RpcRequest(method, path, decodeForm(rawQuery), form, lowerHeaders, body);
    }

    static Map<String, String> decodeForm(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        try {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            throw RamError.badRequest("InvalidParameter", "The request parameters are not correctly URL-encoded.");
        }
        return out;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** Parameters of the URL query only. */
    Map<String, String> query() {
        return query;
    }

    /** Query and form parameters together, sorted by name. */
    Map<String, String> params() {
        return params;
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    boolean isAcs3() {
        String auth = header("authorization");
        return auth != null && auth.startsWith(SignatureAcs3.ALGORITHM);
    }

    /** The action: a parameter in RPC v1, the {@code x-acs-action} header in ACS3. */
    String action() {
        String a = params.get("Action");
        return a != null && !a.isEmpty() ? a : header("x-acs-action");
    }

    String version() {
        String v = params.get("Version");
        return v != null && !v.isEmpty() ? v : header("x-acs-version");
    }

    /** An action parameter, or null when absent or empty. */
    String param(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String name) {
        String v = param(name);
        if (v == null) {
            throw RamError.missing(name);
        }
        return v;
    }
}
