package io.ramgrants.emulator;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The gateway's checks before any action runs: known AccessKey, valid STS token, fresh
 * timestamp, matching signature (v1 or ACS3), unused nonce, in that order. The nonce is
 * recorded only after the signature matched, so a forged request cannot burn one.
 */
final class RequestAuthenticator {
    static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(15);
    private static final String ANONYMOUS_ACTION = "AssumeRoleWithOIDC";

    private final CredentialStore credentials;
    private final NonceCache nonces;
    private final Clock clock;

    RequestAuthenticator(CredentialStore credentials, NonceCache nonces, Clock clock) {
        this.credentials = credentials;
        this.nonces = nonces;
        this.clock = clock;
    }

    Caller authenticate(RpcRequest request) {
        return request.isAcs3() ? authenticateAcs3(request) : authenticateV1(request);
    }

    private Caller authenticateV1(RpcRequest request) {
        String accessKeyId = request.param("AccessKeyId");
        if (accessKeyId == null && ANONYMOUS_ACTION.equals(request.action())) {
            return anonymous(request);
        }
        if (accessKeyId == null) {
            throw RamError.missingCommon("AccessKeyId");
        }
        String signature = requireCommon(request.param("Signature"), "Signature");
        String method = requireCommon(request.param("SignatureMethod"), "SignatureMethod");
        if (!"HMAC-SHA1".equals(method)) {
            throw RamError.badRequest("InvalidSignatureMethod", "Specified signature method is not supported.");
        }
        String timestamp = requireCommon(request.param("Timestamp"), "Timestamp");
        String nonce = requireCommon(request.param("SignatureNonce"), "SignatureNonce");
        CredentialStore.Key key = resolveKey(accessKeyId, request.param("SecurityToken"));
        checkTimestamp(timestamp);
        String stringToSign = SignatureV1.stringToSign(request.method(), request.params());
        if (!constantTimeEquals(SignatureV1.sign(stringToSign, key.secret()), signature)) {
            throw signatureMismatch(stringToSign);
        }
        checkNonce(accessKeyId, nonce);
        return key.caller();
    }

    private Caller authenticateAcs3(RpcRequest request) {
        SignatureAcs3.Authorization auth = SignatureAcs3.Authorization.parse(request.header("authorization"));
        String timestamp = requireCommon(request.header("x-acs-date"), "x-acs-date");
        String nonce = requireCommon(request.header("x-acs-signature-nonce"), "x-acs-signature-nonce");
        CredentialStore.Key key = resolveKey(auth.accessKeyId(), request.header("x-acs-security-token"));
        checkTimestamp(timestamp);
        String payloadHash = SignatureAcs3.sha256Hex(request.body());
        String claimedHash = request.header("x-acs-content-sha256");
        if (claimedHash != null && !claimedHash.equalsIgnoreCase(payloadHash)) {
            throw RamError.badRequest("SignatureDoesNotMatch",
                    "The x-acs-content-sha256 header does not match the SHA-256 of the request body.");
        }
        String canonical = SignatureAcs3.canonicalRequest(request.method(), request.path(), request.query(),
                request.headers(), auth.signedHeaders(), claimedHash != null ? claimedHash : payloadHash);
        String stringToSign = SignatureAcs3.stringToSign(canonical);
        if (!constantTimeEquals(SignatureAcs3.sign(stringToSign, key.secret()), auth.signature())) {
            throw signatureMismatch(stringToSign);
        }
        checkNonce(auth.accessKeyId(), nonce);
        return key.caller();
    }

    // AssumeRoleWithOIDC proves identity with the OIDC token, not a key; it still must not be replayed.
    private Caller anonymous(RpcRequest request) {
        String timestamp = request.param("Timestamp");
        if (timestamp != null) {
            checkTimestamp(timestamp);
        }
        String nonce = request.param("SignatureNonce");
        if (nonce != null) {
            checkNonce("anonymous", nonce);
        }
        Arns.Parsed role = Arns.parseRole(request.param("RoleArn"));
        return Caller.anonymous(role != null ? role.accountId() : "anonymous");
    }

    private CredentialStore.Key resolveKey(String accessKeyId, String securityToken) {
        if (securityToken == null || securityToken.isEmpty()) {
            CredentialStore.Key key = credentials.rootKey(accessKeyId);
            if (key != null) {
                return key;
            }
            if (accessKeyId.startsWith("STS.")) {
                throw RamError.badRequest("MissingSecurityToken", "SecurityToken is mandatory for an STS AccessKey.");
            }
            throw RamError.notFound("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        CredentialStore.Key key = credentials.temporaryKey(securityToken);
        if (key == null) {
            throw RamError.badRequest("InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
        }
        if (!key.accessKeyId().equals(accessKeyId)) {
            throw RamError.badRequest("InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.");
        }
        if (!clock.instant().isBefore(key.expiration())) {
            throw RamError.badRequest("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
        }
        return key;
    }

    private void checkTimestamp(String timestamp) {
        Instant sent;
        try {
            sent = RamTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw RamError.badRequest("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        }
        Duration skew = Duration.between(sent, clock.instant()).abs();
        if (skew.compareTo(TIMESTAMP_TOLERANCE) > 0) {
            throw RamError.badRequest("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
    }

    private void checkNonce(String accessKeyId, String nonce) {
        if (!nonces.firstUse(accessKeyId, nonce)) {
            throw RamError.badRequest("SignatureNonceUsed", "Specified signature nonce was used already.");
        }
    }

    private static String requireCommon(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw RamError.missingCommon(name);
        }
        return value;
    }

    private static RamError signatureMismatch(String stringToSign) {
        return RamError.badRequest("SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
