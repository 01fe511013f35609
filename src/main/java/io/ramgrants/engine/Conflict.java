package io.ramgrants.engine;

/**
 * An existing role or policy the engine will not write to. {@code entity} is {@code role} or
 * {@code policy}; {@code otherOwner} is the owner its marker names, or null when unowned.
 */
public record Conflict(String accountId, String entity, String name, ConflictReason reason, String otherOwner) {

    /** A stable sentence for status messages and plan output. */
    public String message() {
        String what = entity + " " + name + " in " + accountId;
        return reason == ConflictReason.UNOWNED
                ? what + " has no ramgrants.io ownership marker"
                : what + " is managed by " + otherOwner + " (namespace/kind/name in its ownership marker)";
    }

    @Override
    public String toString() {
        return message();
    }
}
