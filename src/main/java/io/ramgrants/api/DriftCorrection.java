package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** The last time the operator corrected drift, and the actions it took. */
public class DriftCorrection {
    @JsonPropertyDescription("When the pass wrote to RAM (RFC 3339).")
    public String time;
    @JsonPropertyDescription("The RAM actions that pass performed, one line each, e.g. CreateRole ram-for-dts in 2222222222222222.")
    public List<String> actions = new ArrayList<>();
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("Who caused the drift, from the ActionTrail events of the "
            + "out-of-band writes: action, caller (AccessKey ID masked), source IP, time, and how long the "
            + "correction took. Empty when the drift was found by polling.")
    public String cause;
}
