package io.ramgrants.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ACS3-HMAC-SHA256, the V3 signature: a canonical request (method, path, sorted encoded
 * query, the signed headers sorted as {@code name:value}, the signed-header list as sent,
 * the payload hash) is hashed; {@code ACS3-HMAC-SHA256\n<hex hash>} is signed with the bare
 * secret and sent hex-encoded in the {@code Authorization} header.
 */
final class SignatureAcs3 {
    static final String ALGORITHM = "ACS3-HMAC-SHA256";

    /** The parts of {@code Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..}. */
    record Authorization(String accessKeyId, String signedHeaders, String signature) {
        static Authorization parse(String header) {
            if (header == null || !header.startsWith(ALGORITHM + " ")) {
                throw RamError.badRequest("InvalidAuthorization", "The Authorization header is malformed.");
            }
            String credential = null;
            String signed = null;
            String signature = null;
            for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = p.substring(eq + 1).trim();
                switch (p.substring(0, eq).trim()) {
                    case "Credential" -> credential = value;
                    case "SignedHeaders" -> signed = value;
                    case "Signature" -> signature = value;
                    default -> { }
                }
            }
            if (credential == null || credential.isEmpty() || signed == null || signature == null) {
                throw RamError.badRequest("InvalidAuthorization", "The Authorization header is malformed.");
            }
            return new Authorization(credential, signed, signature);
        }
    }

    // Provider lookups cost more than hashing a request; instances are not thread-safe, so one per thread.
    private static final ThreadLocal<Mac> HMAC_SHA256 =
            ThreadLocal.withInitial(() -> algorithm(() -> Mac.getInstance("HmacSHA256")));
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(() -> algorithm(() -> MessageDigest.getInstance("SHA-256")));

    private SignatureAcs3() {
    }

    static String canonicalRequest(String method, String path, Map<String, String> query,
                                   Map<String, String> lowerCaseHeaders, String signedHeaders, String payloadHash) {
        StringJoiner canonicalQuery = new StringJoiner("&");
        for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue();
            canonicalQuery.add(PercentEncoding.encode(e.getKey()) + "=" + (v.isEmpty() ? "" : PercentEncoding.encode(v)));
        }
        List<String> names = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            if (!name.isBlank()) {
                names.add(name.trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        Collections.sort(names);
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : names) {
            String value = lowerCaseHeaders.get(name);
            canonicalHeaders.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
        }
        String uri = path == null || path.isBlank() ? "/" : path;
        return method + "\n" + uri + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
    }

    static String stringToSign(String canonicalRequest) {
        return ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(String stringToSign, String secret) {
        Mac mac = HMAC_SHA256.get();
        try {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused its key", e);
        }
        return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(SHA256.get().digest(data));
    }

    @FunctionalInterface
    interface AlgorithmLookup<T> {
        T get() throws GeneralSecurityException;
    }

    /** A JDK algorithm every Java runtime must provide. */
    static <T> T algorithm(AlgorithmLookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a standard JDK algorithm is unavailable", e);
        }
    }
}
