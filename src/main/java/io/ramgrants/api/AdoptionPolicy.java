package io.ramgrants.api;

/** Whether an existing role without our ownership marker may be taken over. */
public enum AdoptionPolicy {
    Never,
    IfUnowned
}
