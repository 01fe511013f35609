package io.ramgrants.desired.validation;

/**
 * One reason a resource is invalid.
 *
 * @param fieldPath where, e.g. {@code spec.destination.engine}
 * @param message   what is wrong and what to do about it
 * @param kind      which kind of rule it breaks: the spec itself, or an account's access limits
 */
public record ValidationError(String fieldPath, String message, Kind kind) {
    /** Which rule an error breaks; the operator reports each with its own reason. */
    public enum Kind {
        /** The spec itself: a missing or malformed field, a combination the seeds do not allow. */
        SPEC,
        /** An account's {@code allowedNamespaces} leave the grant's namespace out. */
        NAMESPACE,
        /** An account's {@code trustableAccounts} (or the cluster's accounts) leave the trusted account out. */
        TRUST
    }

    public ValidationError {
        java.util.Objects.requireNonNull(kind, "kind");
    }

    /** An error in the spec itself. */
    public ValidationError(String fieldPath, String message) {
        this(fieldPath, message, Kind.SPEC);
    }

    @Override
    public String toString() {
        return fieldPath + ": " + message;
    }
}
