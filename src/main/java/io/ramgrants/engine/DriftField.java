package io.ramgrants.engine;

/** The part of a grant a difference or action concerns; {@link #label()} is the metrics tag value. */
public enum DriftField {
    ROLE("role"),
    TRUST("trust"),
    DESCRIPTION("description"),
    ATTACHMENT("attachment"),
    CUSTOM_POLICY("customPolicy");

    private final String label;

    DriftField(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
