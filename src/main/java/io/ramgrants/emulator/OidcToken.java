package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The claims of an OIDC token (a JWT). The emulator does not verify the token's signature
 * — it has no provider keys — but insists on a decodable JWT with a plausible issuer and
 * audience, and honours {@code exp}.
 */
record OidcToken(String issuer, List<String> audiences, String subject, Instant issuedAt, Instant expiresAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static OidcToken decode(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw malformed();
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw malformed();
        }
        if (claims == null || !claims.isObject()) {
            throw malformed();
        }
        String issuer = claims.path("iss").asText("");
        List<String> audiences = StoredPolicyDocuments.strings(claims.get("aud"));
        if (!issuer.startsWith("https://") && !issuer.startsWith("http://") || audiences.isEmpty()) {
            throw malformed();
        }
        return new OidcToken(issuer, audiences, claims.path("sub").asText(null),
                epoch(claims.get("iat")), epoch(claims.get("exp")));
    }

    private static Instant epoch(JsonNode n) {
        return n != null && n.canConvertToLong() ? Instant.ofEpochSecond(n.asLong()) : null;
    }

    private static RamError malformed() {
        return StsActions.authenticationFail("AuthenticationFail.OIDCToken.Invalid",
                "The OIDC token is malformed: a JWT with \"iss\" (URL) and \"aud\" claims is required.");
    }
}
