package io.ramgrants.ram;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaRetryableException;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns whatever the Alibaba SDK throws into a {@link RamException} with a {@link RamErrorKind}.
 * This is the only place that reads RAM's error codes, so the engine decides on kinds alone.
 *
 * <p>Codes are matched by prefix in a fixed order (the specific expired-token codes before the
 * families they belong to); an unknown code falls back to its HTTP status.
 *
 * <p>Messages carry RAM's code and text, sanitised: RAM answers {@code SignatureDoesNotMatch} with
 * its string to sign, which holds the {@code SecurityToken} of temporary credentials. So that text
 * is cut, token-like parameters are masked, and the SDK exception of a RAM answer (whose message
 * is the raw text) is not kept as the cause; exceptions reach logs and events whole. A transport
 * failure (no answer at all: refused, timed out, reset) does keep its exception as the cause: it
 * holds no RAM text, and its stack tells where the connection broke.
 */
public final class RamErrors {
    private static final Pattern STRING_TO_SIGN = Pattern.compile("(?i)[\\s.:]*(server )?string to sign.*", Pattern.DOTALL);
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)(SecurityToken|OIDCToken|AccessKeySecret|Signature)(%3D|=|\"?\\s*:\\s*\"?)[^&\\s\",]+");

    private RamErrors() {}

    public static RamException classify(Exception failure, String action) {
        if (failure instanceof RamException classified) {
            return classified;
        }
        if (failure instanceof TeaException tea && !(tea instanceof TeaRetryableException)) {
            return fromRamAnswer(tea, action);
        }
        return fromTransportFailure(failure, action);
    }

    /** The kind for one RAM/STS error code, {@code httpStatus} deciding only for unknown codes (0 = none). */
    public static RamErrorKind kindOf(String code, int httpStatus) {
        String c = code == null ? "" : code;
        if (c.equals("InvalidSecurityToken.Expired") || c.equals("AuthenticationFail.OIDCToken.Expired")) {
            return RamErrorKind.CREDENTIALS_EXPIRED;
        }
        if (c.startsWith("Throttling")) {
            return RamErrorKind.THROTTLED;
        }
        // A replayed nonce means our own retry reused a request; a fresh attempt signs a new nonce.
        if (c.equals("SignatureNonceUsed") || c.startsWith("ServiceUnavailable") || c.startsWith("InternalError")
                || c.startsWith("ServiceTimeout")) {
            return RamErrorKind.TRANSIENT;
        }
        if (c.startsWith("EntityNotExist")) {
            return RamErrorKind.NOT_FOUND;
        }
        if (c.startsWith("EntityAlreadyExists")) {
            return RamErrorKind.ALREADY_EXISTS;
        }
        if (c.startsWith("DeleteConflict") || c.startsWith("LimitExceeded")) {
            return RamErrorKind.CONFLICT;
        }
        // InvalidTimeStamp.Expired is clock skew: retrying with the same clock fails again.
        if (c.startsWith("NoPermission") || c.startsWith("Forbidden") || c.startsWith("InvalidAccessKeyId")
                || c.equals("SignatureDoesNotMatch") || c.startsWith("InvalidSecurityToken")
                || c.startsWith("InvalidTimeStamp") || c.startsWith("AuthenticationFail")) {
            return RamErrorKind.ACCESS_DENIED;
        }
        if (c.startsWith("InvalidParameter") || c.startsWith("MalformedPolicyDocument")
                || c.startsWith("MissingParameter")) {
            return RamErrorKind.INVALID_INPUT;
        }
        return kindOfStatus(httpStatus);
    }

    private static RamErrorKind kindOfStatus(int httpStatus) {
        if (httpStatus == 429) {
            return RamErrorKind.THROTTLED;
        }
        if (httpStatus >= 500) {
            return RamErrorKind.TRANSIENT;
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return RamErrorKind.ACCESS_DENIED;
        }
        if (httpStatus == 404) {
            return RamErrorKind.NOT_FOUND;
        }
        if (httpStatus == 409) {
            return RamErrorKind.CONFLICT;
        }
        // Other 4xx, and SDK-side validation errors that never reached RAM (no status).
        return RamErrorKind.INVALID_INPUT;
    }

    private static RamException fromRamAnswer(TeaException tea, String action) {
        Map<String, Object> data = tea.getData();
        int status = intValue(data == null ? null : data.get("statusCode"));
        String code = tea.getCode() == null || tea.getCode().equals("null") ? "Unknown" : tea.getCode();
        String message = data != null && data.get("Message") != null ? data.get("Message").toString() : tea.getMessage();
        String requestId = data != null && data.get("RequestId") != null ? data.get("RequestId").toString() : null;
        return new RamException(kindOf(code, status), code, status, action, sanitize(message), requestId, null);
    }

    /** RAM's message without its string to sign and with token-like values masked. */
    static String sanitize(String message) {
        if (message == null) {
            return null;
        }
        String withoutStringToSign = STRING_TO_SIGN.matcher(message).replaceFirst("");
        return SECRET_PARAMETER.matcher(withoutStringToSign).replaceAll("$1$2***");
    }

    /** No answer from RAM: connection refused, timeout, reset. Always worth another attempt. */
    private static RamException fromTransportFailure(Exception failure, String action) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof IOException) {
                break;
            }
        }
        String code = root.getClass().getSimpleName();
        return new RamException(RamErrorKind.TRANSIENT, code, 0, action, root.getMessage(), null, failure);
    }

    private static int intValue(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString());
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return 0;
    }
}
