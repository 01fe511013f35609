package io.ramgrants.engine.batch;

import java.util.Locale;

/** How the operator observes an account's roles (docs/scale.md). */
public enum ObservationMode {
    /** Per role until an account holds the threshold of our roles, then batch for that account. */
    AUTO,
    /** GetRole and ListPoliciesForRole (and GetPolicy) per role and resync, always. */
    PER_ROLE,
    /** Bulk listings for every account, however few roles it holds. */
    BATCH;

    /** {@code auto}, {@code per-role} or {@code batch}, as the {@code run} flag spells them. */
    public static ObservationMode parse(String text) {
        String normalized = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("observation must be auto, per-role or batch: " + text, e);
        }
    }

    /** The spelling {@link #parse} accepts. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
