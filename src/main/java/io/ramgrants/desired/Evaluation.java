package io.ramgrants.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.desired.validation.ValidationError;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A grant validated once: the errors, each saying what kind of rule it breaks, or the desired
 * state of the valid grant. Callers decide on this value instead of validating again.
 */
public record Evaluation(List<ValidationError> errors, Optional<DesiredState> desired) {
    public Evaluation {
        errors = List.copyOf(errors);
        if (errors.isEmpty() == desired.isEmpty()) {
            throw new IllegalArgumentException("an evaluation holds errors or a desired state, not both");
        }
    }

    public static Evaluation valid(DesiredState desired) {
        return new Evaluation(List.of(), Optional.of(desired));
    }

    public static Evaluation invalid(List<ValidationError> errors) {
        return new Evaluation(errors, Optional.empty());
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Whether any error is of {@code kind}. */
    public boolean breaks(ValidationError.Kind kind) {
        return errors.stream().anyMatch(e -> e.kind() == kind);
    }

    /** The desired state; throws {@link IllegalArgumentException} naming every error when invalid. */
    DesiredState requireValid(HasMetadata resource) {
        return desired.orElseThrow(() -> new IllegalArgumentException(OwnerRef.of(resource) + " is invalid: "
                + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; "))));
    }
}
