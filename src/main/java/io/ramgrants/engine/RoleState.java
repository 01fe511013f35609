package io.ramgrants.engine;

/** Where one role stands after a pass. */
public enum RoleState {
    /** RAM matches the desired role; nothing was written. */
    UP_TO_DATE,
    /** The role was created in this pass and everything planned for it succeeded. */
    CREATED,
    /** Drift was corrected in this pass. */
    UPDATED,
    /** Observe mode: RAM differs and nothing was written. */
    DRIFTED,
    /** The role or one of its policies belongs to someone else; nothing was written to it. */
    CONFLICT,
    /** A RAM call for this role failed. */
    FAILED,
    /** Changes remain (paused, an earlier step failed, or RAM must be re-observed first). */
    PENDING,
    /** Deletion: the role is gone (or never existed). */
    DELETED,
    /** Deletion with Retain (or in Observe mode): RAM left as it is. */
    RETAINED;

    /** True when nothing more needs doing for this role. */
    public boolean settled() {
        return this == UP_TO_DATE || this == CREATED || this == UPDATED || this == DELETED || this == RETAINED;
    }
}
