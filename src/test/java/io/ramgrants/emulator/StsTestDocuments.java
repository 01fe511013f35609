package io.ramgrants.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Trust policies and OIDC tokens for tests that exercise STS against the emulator, in any package. */
public final class StsTestDocuments {
    public static final String ISSUER = "https://oidc-ack.example.com/cluster";
    public static final String OPERATOR_SUBJECT = "system:serviceaccount:ramgrants:operator";

    private StsTestDocuments() {
    }

    /** A trust policy letting {@code principal} (e.g. {@code "RAM":["acs:ram::…:root"]}) assume the role. */
    public static String trust(String principal) {
        return "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{" + principal
                + "}}],\"Version\":\"1\"}";
    }

    /** The operator's service account token, valid for an hour until {@code expiresAt}. */
    public static String jwt(Instant expiresAt) {
        return jwt(ISSUER, OPERATOR_SUBJECT, expiresAt);
    }

    /** An unsigned-looking JWT: the emulator checks its claims, not the provider's signature. */
    public static String jwt(String issuer, String subject, Instant expiresAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + issuer + "\",\"aud\":[\"sts.aliyuncs.com\"],"
                + "\"sub\":\"" + subject + "\",\"iat\":" + expiresAt.minusSeconds(3600).getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".c2lnbmF0dXJl";
    }
}
