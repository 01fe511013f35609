package io.ramgrants.policy;

/** A document that is not a RAM policy: not JSON, or not the shape RAM accepts. */
public class MalformedPolicyException extends IllegalArgumentException {
    public MalformedPolicyException(String message) {
        super(message);
    }

    public MalformedPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
