package io.ramgrants.engine;

/** What to do with an existing role or policy that carries no ownership marker at all. */
public enum Adoption {
    /** Report a conflict and never touch it. */
    NEVER,
    /** Take it over: write our marker into its description and converge it. */
    IF_UNOWNED
}
