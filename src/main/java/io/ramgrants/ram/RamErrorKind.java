package io.ramgrants.ram;

/**
 * How the engine must treat a failed RAM call. Classified once, in the gateway layer,
 * from RAM's error code and HTTP status.
 */
public enum RamErrorKind {
    /** The entity does not exist (404 EntityNotExist.*). */
    NOT_FOUND(false),
    /** It exists already (409 EntityAlreadyExists.*): usually someone else created it first. */
    ALREADY_EXISTS(false),
    /** A state conflict such as DeleteConflict.* or LimitExceeded.*: needs a different action, not a retry. */
    CONFLICT(false),
    /** Throttling.*: retry after backing off. */
    THROTTLED(true),
    /** NoPermission, Forbidden.*, bad or revoked keys: terminal until a person acts. */
    ACCESS_DENIED(false),
    /** InvalidParameter.*, MalformedPolicyDocument, MissingParameter: terminal, fix the input. */
    INVALID_INPUT(false),
    /** 5xx, ServiceUnavailable, InternalError, timeouts, connection failures: retry. */
    TRANSIENT(true),
    /** Temporary credentials expired (InvalidSecurityToken.Expired): refresh them, retry once. */
    CREDENTIALS_EXPIRED(true);

    private final boolean retryable;

    RamErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
