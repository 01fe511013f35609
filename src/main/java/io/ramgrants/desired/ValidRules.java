package io.ramgrants.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.desired.validation.ValidationError;
import java.util.List;
import java.util.stream.Collectors;

/** Guards the desired-state functions: they compute nothing from an invalid spec. */
final class ValidRules {
    private ValidRules() {}

    static void requireValid(HasMetadata resource, List<ValidationError> errors) {
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(OwnerRef.of(resource) + " is invalid: "
                    + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
        }
    }
}
