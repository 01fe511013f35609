package io.ramgrants.api;

import java.util.ArrayList;
import java.util.List;

/** The last time the operator corrected drift, and the actions it took. */
public class DriftCorrection {
    public String time;
    public List<String> actions = new ArrayList<>();
}
