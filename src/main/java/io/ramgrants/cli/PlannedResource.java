package io.ramgrants.cli;

import io.ramgrants.manifest.EvaluatedResource;
import java.util.List;

/** A resource as {@code plan} shows it: its evaluation and the RAM actions it would cause, as lines. */
public record PlannedResource(EvaluatedResource evaluated, List<String> actions) {
    public PlannedResource {
        actions = List.copyOf(actions);
    }
}
