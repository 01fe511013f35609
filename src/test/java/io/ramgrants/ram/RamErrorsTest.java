package io.ramgrants.ram;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaRetryableException;
import com.aliyun.tea.TeaUnretryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RamErrorsTest {

    static Stream<Arguments> ramAnswers() {
        return Stream.of(
                Arguments.of("EntityNotExist.Role", 404, RamErrorKind.NOT_FOUND),
                Arguments.of("EntityNotExist.Policy", 404, RamErrorKind.NOT_FOUND),
                Arguments.of("EntityNotExist.Role.Policy", 404, RamErrorKind.NOT_FOUND),
                Arguments.of("EntityAlreadyExists.Role", 409, RamErrorKind.ALREADY_EXISTS),
                Arguments.of("EntityAlreadyExists.Policy", 409, RamErrorKind.ALREADY_EXISTS),
                Arguments.of("EntityAlreadyExists.Role.Policy", 409, RamErrorKind.ALREADY_EXISTS),
                Arguments.of("DeleteConflict.Role.Policy", 409, RamErrorKind.CONFLICT),
                Arguments.of("DeleteConflict.Policy.Version", 409, RamErrorKind.CONFLICT),
                Arguments.of("DeleteConflict.Policy.Version.Default", 409, RamErrorKind.CONFLICT),
                Arguments.of("EntityNotExist.Policy.Version", 404, RamErrorKind.NOT_FOUND),
                Arguments.of("AuthenticationFail.NoPermission", 401, RamErrorKind.ACCESS_DENIED),
                Arguments.of("AuthenticationFail.OIDCToken.AudienceNotMatch", 401, RamErrorKind.ACCESS_DENIED),
                Arguments.of("DeleteConflict.Policy.User", 409, RamErrorKind.CONFLICT),
                Arguments.of("LimitExceeded.Policy.Version", 409, RamErrorKind.CONFLICT),
                Arguments.of("LimitExceeded.Role", 409, RamErrorKind.CONFLICT),
                Arguments.of("Throttling", 400, RamErrorKind.THROTTLED),
                Arguments.of("Throttling.User", 400, RamErrorKind.THROTTLED),
                Arguments.of("Throttling.Api", 400, RamErrorKind.THROTTLED),
                Arguments.of("NoPermission", 403, RamErrorKind.ACCESS_DENIED),
                Arguments.of("Forbidden.RAM", 403, RamErrorKind.ACCESS_DENIED),
                Arguments.of("InvalidAccessKeyId.NotFound", 404, RamErrorKind.ACCESS_DENIED),
                Arguments.of("InvalidAccessKeyId.Inactive", 400, RamErrorKind.ACCESS_DENIED),
                Arguments.of("SignatureDoesNotMatch", 400, RamErrorKind.ACCESS_DENIED),
                Arguments.of("InvalidSecurityToken.Malformed", 400, RamErrorKind.ACCESS_DENIED),
                Arguments.of("InvalidTimeStamp.Expired", 400, RamErrorKind.ACCESS_DENIED),
                Arguments.of("AuthenticationFail.OIDCToken.Invalid", 400, RamErrorKind.ACCESS_DENIED),
                Arguments.of("InvalidSecurityToken.Expired", 400, RamErrorKind.CREDENTIALS_EXPIRED),
                Arguments.of("AuthenticationFail.OIDCToken.Expired", 400, RamErrorKind.CREDENTIALS_EXPIRED),
                Arguments.of("InvalidParameter.RoleName.InvalidChars", 400, RamErrorKind.INVALID_INPUT),
                Arguments.of("InvalidParameter.RoleName.Length", 400, RamErrorKind.INVALID_INPUT),
                Arguments.of("InvalidParameter.PolicyName.InvalidChars", 400, RamErrorKind.INVALID_INPUT),
                Arguments.of("InvalidParameter.PolicyDocument.Length", 400, RamErrorKind.INVALID_INPUT),
                Arguments.of("MalformedPolicyDocument", 400, RamErrorKind.INVALID_INPUT),
                Arguments.of("MissingParameter", 400, RamErrorKind.INVALID_INPUT),
                Arguments.of("MissingRoleName", 400, RamErrorKind.INVALID_INPUT),
                Arguments.of("InternalError", 500, RamErrorKind.TRANSIENT),
                Arguments.of("ServiceUnavailable", 503, RamErrorKind.TRANSIENT),
                Arguments.of("SignatureNonceUsed", 400, RamErrorKind.TRANSIENT),
                // Unknown codes fall back to the HTTP status.
                Arguments.of("SomethingNew", 502, RamErrorKind.TRANSIENT),
                Arguments.of("SomethingNew", 429, RamErrorKind.THROTTLED),
                Arguments.of("SomethingNew", 403, RamErrorKind.ACCESS_DENIED),
                Arguments.of("SomethingNew", 404, RamErrorKind.NOT_FOUND),
                Arguments.of("SomethingNew", 409, RamErrorKind.CONFLICT),
                Arguments.of("SomethingNew", 400, RamErrorKind.INVALID_INPUT));
    }

    @ParameterizedTest(name = "{0} ({1}) is {2}")
    @MethodSource("ramAnswers")
    void classifiesRamErrorCodes(String code, int status, RamErrorKind expected) {
        RamException e = RamErrors.classify(ramAnswer(code, status, "The thing went wrong."), "GetRole");

        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.action()).isEqualTo("GetRole");
        assertThat(e.requestId()).isEqualTo("REQ-42");
        assertThat(e.retryable()).isEqualTo(expected.retryable());
    }

    @Test
    void messageCarriesActionCodeAndRamText() {
        RamException e = RamErrors.classify(
                ramAnswer("EntityNotExist.Role", 404, "The role does not exist: ram-for-dts."), "GetRole");

        assertThat(e.getMessage()).isEqualTo("GetRole: EntityNotExist.Role - The role does not exist: ram-for-dts.");
    }

    @Test
    void neverRepeatsTheStringToSignOrATokenFromRamsMessage() {
        String ramText = "Specified signature is not matched with our calculation. server string to sign is:"
                + "POST&%2F&AccessKeyId%3DSTS.abc%26SecurityToken%3DCAIS-secret-token%26Version%3D2015-05-01";

        RamException e = RamErrors.classify(ramAnswer("SignatureDoesNotMatch", 400, ramText), "GetRole");

        assertThat(e.getMessage())
                .isEqualTo("GetRole: SignatureDoesNotMatch - Specified signature is not matched with our calculation")
                .doesNotContain("CAIS-secret-token");
        assertThat(e.getCause()).isNull();
        assertThat(RamErrors.sanitize("bad SecurityToken=CAIS-x&OIDCToken%3Deyj.y.z, \"AccessKeySecret\": \"s3\""))
                .doesNotContain("CAIS-x").doesNotContain("eyj.y.z").doesNotContain("s3")
                .contains("SecurityToken=***");
    }

    static Stream<Arguments> transportFailures() {
        return Stream.of(
                Arguments.of(new TeaRetryableException(new SocketTimeoutException("Read timed out")),
                        "SocketTimeoutException"),
                Arguments.of(new TeaUnretryableException(new TeaRetryableException(
                        new ConnectException("Connection refused"))), "ConnectException"),
                Arguments.of(new ConnectException("Connection refused"), "ConnectException"),
                Arguments.of(new IOException("unexpected end of stream"), "IOException"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("transportFailures")
    void transportFailuresAreTransient(Exception failure, String expectedCode) {
        RamException e = RamErrors.classify(failure, "ListRoles");

        assertThat(e.kind()).isEqualTo(RamErrorKind.TRANSIENT);
        assertThat(e.code()).isEqualTo(expectedCode);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getCause()).isSameAs(failure);
    }

    @Test
    void sdkSideValidationWithoutHttpStatusIsInvalidInput() {
        TeaException validation = new TeaException(Map.of("code", "ParameterMissing",
                "message", "'config' can not be unset"));

        assertThat(RamErrors.classify(validation, "GetRole").kind()).isEqualTo(RamErrorKind.INVALID_INPUT);
    }

    @Test
    void alreadyClassifiedPassesThrough() {
        RamException original = ScriptedRamGateway.error(RamErrorKind.THROTTLED, "Throttling.User", 400);

        assertThat(RamErrors.classify(original, "GetRole")).isSameAs(original);
    }

    /** What the SDK throws for an error answer: RAM's body plus the status under {@code data}. */
    private static TeaException ramAnswer(String code, int status, String message) {
        return new TeaException(Map.of(
                "code", code,
                "message", "code: " + status + ", " + message + " request id: REQ-42",
                "data", Map.of("statusCode", status, "Code", code, "Message", message, "RequestId", "REQ-42",
                        "HostId", "ram.aliyuncs.com")));
    }
}
