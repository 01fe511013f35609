package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ramgrants.ram.AccessKeyCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticSecretCredentialsTest {
    static final String SECRET_VALUE = "SECRET-DO-NOT-LEAK-static-1";

    static Secret secret(Map<String, String> plainValues) {
        Map<String, String> data = new LinkedHashMap<>();
        plainValues.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withNamespace("ops").withName("prod-keys").endMetadata()
                .withData(data).build();
    }

    @Test
    void readsBase64DataKeys() {
        AccessKeyCredentials credentials = StaticSecretCredentials.fromSecret(
                secret(Map.of("accessKeyId", "LTAI-prod", "accessKeySecret", SECRET_VALUE))).credentials();

        assertThat(credentials).isEqualTo(AccessKeyCredentials.permanent("LTAI-prod", SECRET_VALUE));
        assertThat(credentials.temporary()).isFalse();
    }

    @Test
    void readsOptionalSecurityToken() {
        AccessKeyCredentials credentials = StaticSecretCredentials.fromSecret(secret(Map.of(
                "accessKeyId", "STS.abc", "accessKeySecret", SECRET_VALUE, "securityToken", "TOKEN-DO-NOT-LEAK-1")))
                .credentials();

        assertThat(credentials.securityToken()).isEqualTo("TOKEN-DO-NOT-LEAK-1");
    }

    @Test
    void stringDataTakesPrecedenceOverData() {
        Secret secret = secret(Map.of("accessKeyId", "LTAI-old", "accessKeySecret", SECRET_VALUE));
        secret.setStringData(Map.of("accessKeyId", "LTAI-new"));

        assertThat(StaticSecretCredentials.fromSecret(secret).credentials().accessKeyId()).isEqualTo("LTAI-new");
    }

    @Test
    void missingKeyNamesSecretAndKey() {
        assertThatThrownBy(() -> StaticSecretCredentials.fromSecret(secret(Map.of("accessKeyId", "LTAI-prod"))))
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.SecretMalformed))
                .hasMessageContaining("Secret ops/prod-keys")
                .hasMessageContaining("accessKeySecret");
    }

    @Test
    void secretWithoutDataIsMalformed() {
        Secret empty = new SecretBuilder().withNewMetadata().withNamespace("ops").withName("prod-keys").endMetadata().build();

        assertThatThrownBy(() -> StaticSecretCredentials.fromSecret(empty))
                .hasMessageContaining("has no key accessKeyId");
    }

    @Test
    void trailingNewlineIsMalformedAndTheValueNeverAppears() {
        assertThatThrownBy(() -> StaticSecretCredentials.fromSecret(
                secret(Map.of("accessKeyId", "LTAI-prod", "accessKeySecret", SECRET_VALUE + "\n"))))
                .isInstanceOf(AccountNotReadyException.class)
                .hasMessageContaining("accessKeySecret")
                .hasMessageContaining("echo -n")
                .hasMessageNotContaining(SECRET_VALUE);
    }

    @Test
    void emptyValueIsMalformed() {
        assertThatThrownBy(() -> StaticSecretCredentials.fromSecret(
                secret(Map.of("accessKeyId", "", "accessKeySecret", SECRET_VALUE))))
                .hasMessageContaining("empty value for key accessKeyId");
    }

    @Test
    void invalidBase64IsMalformed() {
        Secret secret = secret(Map.of("accessKeyId", "LTAI-prod"));
        secret.getData().put("accessKeySecret", SECRET_VALUE + "%%%");

        assertThatThrownBy(() -> StaticSecretCredentials.fromSecret(secret))
                .hasMessageContaining("not valid base64 in data key accessKeySecret")
                .hasMessageNotContaining(SECRET_VALUE);
    }

    @Test
    void equalKeysMakeEqualProvidersAndToStringHidesTheSecret() {
        StaticSecretCredentials a = new StaticSecretCredentials(AccessKeyCredentials.permanent("LTAI-prod", SECRET_VALUE));
        StaticSecretCredentials b = new StaticSecretCredentials(AccessKeyCredentials.permanent("LTAI-prod", SECRET_VALUE));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("LTAI-prod").doesNotContain(SECRET_VALUE);
    }
}
