package io.ramgrants.accounts;

import java.util.Objects;

/**
 * An account cannot be used, with a constant {@link AccountReason} and an actionable
 * message. Messages name Secrets, keys, fields and error codes, never a secret value,
 * a request ID or a timestamp, so they can go into a status condition as they are.
 */
public class AccountNotReadyException extends RuntimeException {
    private final AccountReason reason;

    public AccountNotReadyException(AccountReason reason, String message) {
        this(reason, message, null);
    }

    public AccountNotReadyException(AccountReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AccountReason reason() {
        return reason;
    }
}
