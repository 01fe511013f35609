package io.ramgrants.engine;

import io.ramgrants.desired.DesiredRole;
import java.util.List;

/** The differences of one role, with both sides kept so the planner can build actions from them. */
public record RoleDiff(DesiredRole desired, ObservedRole observed, List<Difference> differences) {
    public RoleDiff {
        differences = List.copyOf(differences);
    }

    public boolean isEmpty() {
        return differences.isEmpty();
    }

    public boolean has(DiffPath path) {
        return differences.stream().anyMatch(d -> d.path() == path);
    }

    public boolean has(DiffPath path, String subject) {
        return differences.contains(new Difference(path, subject));
    }

    public List<Difference> at(DiffPath path) {
        return differences.stream().filter(d -> d.path() == path).toList();
    }
}
