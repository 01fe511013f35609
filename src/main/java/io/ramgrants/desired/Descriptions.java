package io.ramgrants.desired;

/** The RAM Description of what a grant creates: the owner marker first, then the user's words. */
public final class Descriptions {
    /** Between marker and user text; starts with a space so the marker's name never absorbs it. */
    static final String SEPARATOR = " - ";

    private Descriptions() {}

    public static String of(OwnerRef owner, String userDescription) {
        return userDescription == null || userDescription.isBlank()
                ? owner.marker()
                : owner.marker() + SEPARATOR + userDescription.strip();
    }
}
