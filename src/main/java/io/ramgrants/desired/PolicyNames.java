package io.ramgrants.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Default custom-policy names: readable ({@code ramgrants-<namespace>-<name>}) and unique per
 * resource. Dots become hyphens and long names are cut, so the name alone could collide
 * ({@code a-b/c} and {@code a/b-c}); a short hash of {@code namespace/kind/name} always ends it.
 */
public final class PolicyNames {
    public static final int MAX_LENGTH = 128;
    private static final String PREFIX = "ramgrants-";
    private static final int HASH_CHARS = 8;

    private PolicyNames() {}

    public static String defaultFor(OwnerRef owner) {
        String hash = "-" + hash(owner.toString());
        String readable = (PREFIX + owner.namespace() + "-" + owner.name()).replaceAll("[^A-Za-z0-9-]", "-");
        int room = MAX_LENGTH - hash.length();
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        return readable + hash;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
