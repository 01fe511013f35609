package io.ramgrants.desired.validation;

/**
 * One reason a resource is invalid.
 *
 * @param fieldPath where, e.g. {@code spec.destination.engine}
 * @param message   what is wrong and what to do about it
 */
public record ValidationError(String fieldPath, String message) {
    @Override
    public String toString() {
        return fieldPath + ": " + message;
    }
}
