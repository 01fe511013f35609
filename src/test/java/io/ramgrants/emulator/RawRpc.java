package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A hand-rolled RPC v1 client on plain JDK classes, independent of the emulator's code, so
 * tests can send requests the SDK never would: unsigned, mis-signed, stale, replayed.
 */
final class RawRpc {
    record Reply(int status, String contentType, JsonNode body) {
        String code() {
            return body.path("Code").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawRpc() {
    }

    /** Common parameters for a v1-signed call; the caller may change any before signing. */
    static Map<String, String> params(String action, String version, String accessKeyId) {
        Map<String, String> p = new TreeMap<>();
        p.put("Action", action);
        p.put("Version", version);
        p.put("Format", "JSON");
        p.put("AccessKeyId", accessKeyId);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return p;
    }

    static Map<String, String> signed(String method, Map<String, String> params, String secret) {
        Map<String, String> out = new TreeMap<>(params);
        out.put("Signature", sign(method, params, secret));
        return out;
    }

    static String sign(String method, Map<String, String> params, String secret) {
        StringJoiner canonical = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> canonical.add(encode(k) + "=" + encode(v)));
        String stringToSign = method + "&" + encode("/") + "&" + encode(canonical.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parameters in the query string. */
    static Reply query(RamEmulator emu, String method, Map<String, String> params) {
        return send(emu.endpoint() + "?" + form(params), method, null, null, false);
    }

    /** Parameters in a form body, sent chunked. */
    static Reply formBody(RamEmulator emu, Map<String, String> params) {
        return send(emu.endpoint() + "any/path", "POST", "application/x-www-form-urlencoded",
                form(params).getBytes(StandardCharsets.UTF_8), true);
    }

    /** A form body exactly as given, not encoded by this client. */
    static Reply rawFormBody(RamEmulator emu, String body) {
        return send(emu.endpoint(), "POST", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Reply get(RamEmulator emu, String pathAndQuery) {
        return send(emu.endpoint() + pathAndQuery, "GET", null, null, false);
    }

    static Reply post(RamEmulator emu, String path, String json) {
        return send(emu.endpoint() + path, "POST", "application/json", json.getBytes(StandardCharsets.UTF_8), false);
    }

    // HttpURLConnection rather than java.net.http: no TLS set-up, so the first call is cheap.
    private static Reply send(String url, String method, String contentType, byte[] body, boolean chunked) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setRequestMethod(method);
            if (contentType != null) {
                c.setRequestProperty("Content-Type", contentType);
            }
            if (body != null) {
                c.setDoOutput(true);
                if (chunked) {
                    c.setChunkedStreamingMode(0);
                }
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return new Reply(status, String.valueOf(c.getContentType()), JSON.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(encode(k) + "=" + encode(v)));
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
