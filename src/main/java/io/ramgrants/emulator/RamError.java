package io.ramgrants.emulator;

/**
 * An error answered to the client the way RAM and STS answer it: an HTTP status and a
 * dotted code. Thrown anywhere in request handling and rendered once by the HTTP handler.
 */
final class RamError extends RuntimeException {
    private final int status;
    private final String code;

    RamError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static RamError badRequest(String code, String message) {
        return new RamError(400, code, message);
    }

    static RamError notFound(String code, String message) {
        return new RamError(404, code, message);
    }

    static RamError conflict(String code, String message) {
        return new RamError(409, code, message);
    }

    static RamError forbidden(String message) {
        return new RamError(403, "NoPermission", message);
    }

    /** The gateway's wording for an absent action parameter: {@code MissingRoleName}. */
    static RamError missing(String parameter) {
        return badRequest("Missing" + parameter, parameter + " is mandatory for this action.");
    }

    /** The gateway's wording for an absent common (protocol) parameter. */
    static RamError missingCommon(String parameter) {
        return badRequest("MissingParameter", "The input parameter \"" + parameter
                + "\" that is mandatory for processing this request is not supplied.");
    }

    static RamError throttled() {
        return badRequest("Throttling.User", "Request was denied due to user flow control.");
    }
}
