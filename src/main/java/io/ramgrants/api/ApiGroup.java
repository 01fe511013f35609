package io.ramgrants.api;

public final class ApiGroup {
    public static final String GROUP = "ramgrants.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** {@code kubectl get ramgrants} lists every kind of ours. */
    public static final String CATEGORY = "ramgrants";
    /** Stops every RAM write for the annotated resource. */
    public static final String PAUSED_ANNOTATION = "ramgrants.io/paused";

    private ApiGroup() {}
}
