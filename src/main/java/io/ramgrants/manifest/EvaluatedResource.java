package io.ramgrants.manifest;

import io.ramgrants.desired.DesiredState;
import java.util.List;
import java.util.Optional;

/**
 * One of our resources after validation: its errors (each naming file, resource and field),
 * or, for a valid grant, the RAM state it wants. Accounts are valid or not and want nothing.
 *
 * @param namespace null for cluster-scoped kinds; {@code default} when a grant names none
 */
public record EvaluatedResource(LoadedResource source, String kind, String namespace, String name,
        List<String> errors, Optional<DesiredState> desired) {

    public EvaluatedResource {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** {@code Kind namespace/name}, or {@code Kind name} when cluster-scoped. */
    public String displayName() {
        return kind + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
