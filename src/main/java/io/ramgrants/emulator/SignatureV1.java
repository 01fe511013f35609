package io.ramgrants.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RPC signature version 1.0 (HMAC-SHA1). The string to sign is
 * {@code METHOD&%2F&percentEncode(sorted, percent-encoded "k=v" pairs joined by "&")}
 * over every parameter except {@code Signature}; the key is {@code secret + "&"}.
 * Empty values are left out, as the SDKs leave them out when they sign.
 */
final class SignatureV1 {
    // See SignatureAcs3: one instance per thread instead of a provider lookup per request.
    private static final ThreadLocal<Mac> HMAC_SHA1 =
            ThreadLocal.withInitial(() -> SignatureAcs3.algorithm(() -> Mac.getInstance("HmacSHA1")));

    private SignatureV1() {
    }

    static String stringToSign(String method, Map<String, String> params) {
        StringJoiner canonical = new StringJoiner("&");
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if ("Signature".equals(e.getKey()) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            canonical.add(PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()));
        }
        return method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonical.toString());
    }

    static String sign(String stringToSign, String secret) {
        Mac mac = HMAC_SHA1.get();
        try {
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 refused its key", e);
        }
        return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }
}
