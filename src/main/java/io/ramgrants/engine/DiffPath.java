package io.ramgrants.engine;

/** Where an observed role differs from the desired one; each path maps to one kind of action. */
public enum DiffPath {
    ROLE_MISSING(DriftField.ROLE),
    TRUST_POLICY(DriftField.TRUST),
    DESCRIPTION(DriftField.DESCRIPTION),
    ATTACHMENT_MISSING(DriftField.ATTACHMENT),
    ATTACHMENT_EXTRA(DriftField.ATTACHMENT),
    POLICY_MISSING(DriftField.CUSTOM_POLICY),
    POLICY_DOCUMENT(DriftField.CUSTOM_POLICY);

    private final DriftField field;

    DiffPath(DriftField field) {
        this.field = field;
    }

    public DriftField field() {
        return field;
    }
}
