package io.ramgrants.ram;

/**
 * A failed RAM or STS call, classified. The message carries RAM's code and text but never
 * a credential; {@code requestId} is for logs and events, never for status conditions.
 */
public class RamException extends RuntimeException {
    private final RamErrorKind kind;
    private final String code;
    private final int httpStatus;
    private final String action;
    private final String requestId;

    public RamException(RamErrorKind kind, String code, int httpStatus, String action, String message,
                        String requestId, Throwable cause) {
        super(action + ": " + code + (message == null || message.isBlank() ? "" : " - " + message), cause);
        this.kind = kind;
        this.code = code;
        this.httpStatus = httpStatus;
        this.action = action;
        this.requestId = requestId;
    }

    public RamErrorKind kind() {
        return kind;
    }

    /** RAM's error code, e.g. {@code EntityNotExist.Role}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String action() {
        return action;
    }

    public String requestId() {
        return requestId;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
