package io.ramgrants.cli;

import io.ramgrants.manifest.EvaluatedResource;
import java.util.List;

/**
 * A resource as {@code plan} shows it: its evaluation and the RAM actions it would cause, as
 * lines. {@code findings} is what diffing against RAM found besides actions (conflicts,
 * failures, notes, role states); empty offline.
 */
public record PlannedResource(EvaluatedResource evaluated, List<String> actions, List<String> findings) {
    public PlannedResource {
        actions = List.copyOf(actions);
        findings = List.copyOf(findings);
    }

    public PlannedResource(EvaluatedResource evaluated, List<String> actions) {
        this(evaluated, actions, List.of());
    }
}
