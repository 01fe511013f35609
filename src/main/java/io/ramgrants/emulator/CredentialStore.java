package io.ramgrants.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AccessKeys the emulator accepts: the configured root keys of each account and the
 * temporary keys STS hands out (kept by SecurityToken, with their expiry).
 */
final class CredentialStore {
    /** A key the emulator knows; {@code securityToken} and {@code expiration} only for STS keys. */
    record Key(String accessKeyId, String secret, Caller caller, String securityToken, Instant expiration) {
    }

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Duration KEEP_EXPIRED = Duration.ofHours(1);
    private static final int PURGE_ABOVE = 10_000;

    private final Map<String, Key> rootKeys = new ConcurrentHashMap<>();
    private final Map<String, Key> temporaryByToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    CredentialStore(List<EmulatorConfig.AccountKey> accounts, Clock clock) {
        this.clock = clock;
        for (EmulatorConfig.AccountKey a : accounts) {
            rootKeys.put(a.accessKeyId(), new Key(a.accessKeyId(), a.accessKeySecret(), Caller.root(a.accountId()), null, null));
        }
    }

    /** Registers a RAM user's long-term AccessKey. */
    void addUserKey(String accessKeyId, String secret, Caller user) {
        if (rootKeys.putIfAbsent(accessKeyId, new Key(accessKeyId, secret, user, null, null)) != null) {
            throw new IllegalArgumentException("AccessKeyId used twice: " + accessKeyId);
        }
    }

    /** A long-term AccessKey: an account's root key or a RAM user's. */
    Key rootKey(String accessKeyId) {
        return rootKeys.get(accessKeyId);
    }

    Key temporaryKey(String securityToken) {
        return temporaryByToken.get(securityToken);
    }

    /** Issues STS credentials acting as {@code caller} until {@code expiration}. */
    Key issue(Caller caller, Instant expiration) {
        purgeLongExpired();
        Key key = new Key("STS." + randomString(25), randomString(44), caller, "CAIS" + randomString(300), expiration);
        temporaryByToken.put(key.securityToken(), key);
        return key;
    }

    // Expired keys are kept a while so their use is answered "Expired", not "Malformed".
    private void purgeLongExpired() {
        if (temporaryByToken.size() > PURGE_ABOVE) {
            Instant horizon = clock.instant().minus(KEEP_EXPIRED);
            temporaryByToken.values().removeIf(k -> k.expiration().isBefore(horizon));
        }
    }

    private String randomString(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }
}
