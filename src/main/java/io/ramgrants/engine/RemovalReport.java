package io.ramgrants.engine;

import java.util.List;

/**
 * What a pass found of a resource's RAM entities beyond its desired roles: the inventory to
 * keep (status), accounts it could not look in, the lines of entities left in RAM by deletion
 * policy Retain, and whether removals are still outstanding (so the pass has not converged).
 */
public record RemovalReport(Inventory inventory, List<String> unreachable, List<String> retained, boolean pending) {
    public RemovalReport {
        unreachable = List.copyOf(unreachable);
        retained = List.copyOf(retained);
    }

    /** Nothing looked at: the inventory stays as it was. */
    public static RemovalReport unchanged(Inventory inventory) {
        return new RemovalReport(inventory, List.of(), List.of(), false);
    }
}
