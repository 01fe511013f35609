package io.ramgrants.api;

public final class ApiGroup {
    public static final String GROUP = "ramgrants.io";
    public static final String VERSION = "v1alpha1";
    /** Stops every RAM write for the annotated resource. */
    public static final String PAUSED_ANNOTATION = "ramgrants.io/paused";

    private ApiGroup() {}
}
