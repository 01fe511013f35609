package io.ramgrants.engine;

/** Why the engine refused to touch an existing role or policy. */
public enum ConflictReason {
    /** It carries no ownership marker and adoption is not allowed. */
    UNOWNED,
    /** Its marker names another resource. */
    OWNED_BY_OTHER
}
