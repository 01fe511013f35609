package io.ramgrants.accounts;

import io.fabric8.kubernetes.api.model.Secret;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.CredentialProvider;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * An AccessKey pair read from a Kubernetes Secret ({@code accessKeyId}, {@code accessKeySecret},
 * optional {@code securityToken}). Errors name the Secret and the key, never the value.
 * A new Secret version means a new instance: the controller re-reads the Secret on change.
 */
public final class StaticSecretCredentials implements CredentialProvider {
    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String ACCESS_KEY_SECRET = "accessKeySecret";
    public static final String SECURITY_TOKEN = "securityToken";

    private final AccessKeyCredentials credentials;

    public StaticSecretCredentials(AccessKeyCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Reads the keys from {@code data} (base64, as the API server returns them) or
     * {@code stringData} (as written by hand; takes precedence, as on a real API server).
     *
     * @throws AccountNotReadyException with reason {@link AccountReason#SecretMalformed}
     */
    public static StaticSecretCredentials fromSecret(Secret secret) {
        String where = "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        SecretKeys keys = new SecretKeys(where, secret.getData(), secret.getStringData());
        String accessKeyId = keys.required(ACCESS_KEY_ID);
        String accessKeySecret = keys.required(ACCESS_KEY_SECRET);
        String securityToken = keys.optional(SECURITY_TOKEN);
        return new StaticSecretCredentials(new AccessKeyCredentials(accessKeyId, accessKeySecret, securityToken, null));
    }

    @Override
    public AccessKeyCredentials credentials() {
        return credentials;
    }

    /** The key pair is only as fresh as the Secret; the controller re-reads it on change. */
    @Override
    public void invalidate() {}

    @Override
    public boolean equals(Object o) {
        return o instanceof StaticSecretCredentials other && credentials.equals(other.credentials);
    }

    @Override
    public int hashCode() {
        return credentials.hashCode();
    }

    @Override
    public String toString() {
        return "StaticSecretCredentials[accessKeyId=" + credentials.accessKeyId() + "]";
    }

    /** Decodes and checks the Secret's values without ever putting one into a message. */
    private record SecretKeys(String where, Map<String, String> data, Map<String, String> stringData) {

        String required(String key) {
            String value = optional(key);
            if (value == null) {
                throw malformed("has no key " + key + " (expected keys: " + ACCESS_KEY_ID + ", " + ACCESS_KEY_SECRET
                        + ", optional " + SECURITY_TOKEN + ")");
            }
            return value;
        }

        String optional(String key) {
            String value = stringData != null && stringData.containsKey(key) ? stringData.get(key) : decoded(key);
            if (value == null) {
                return null;
            }
            if (value.isEmpty()) {
                throw malformed("has an empty value for key " + key);
            }
            if (!value.strip().equals(value)) {
                throw malformed("has leading or trailing whitespace in key " + key
                        + " (a value written with `echo` instead of `echo -n`?)");
            }
            if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw malformed("has whitespace or control characters inside key " + key);
            }
            return value;
        }

        private String decoded(String key) {
            String encoded = data == null ? null : data.get(key);
            if (encoded == null) {
                return null;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(encoded.strip());
            } catch (IllegalArgumentException e) {
                throw malformed("has a value that is not valid base64 in data key " + key);
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw malformed("has a value that is not UTF-8 text in data key " + key);
            }
        }

        private AccountNotReadyException malformed(String problem) {
            return new AccountNotReadyException(AccountReason.SecretMalformed, where + " " + problem);
        }
    }
}
