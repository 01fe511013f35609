package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonClassDescription("Event-driven drift detection for this account (RAM write events from ActionTrail LookupEvents).")
public class DriftEventsStatus {
    /** States: events are read; they cannot be (drift is found by polling); the operator runs with them off. */
    public static final String ACTIVE = "Active";
    public static final String UNAVAILABLE = "Unavailable";
    public static final String OFF = "Off";
    /** Reasons (CamelCase; the account's DriftEvents condition shows the first three). */
    public static final String READING = "Reading";
    public static final String ACCESS_DENIED = "ActionTrailAccessDenied";
    public static final String QUERY_REFUSED = "ActionTrailQueryRefused";
    public static final String TURNED_OFF = "TurnedOff";

    @JsonPropertyDescription("Active: RAM write events are read and re-observe the roles they name; Unavailable: the "
            + "credentials may not call actiontrail:LookupEvents (or ActionTrail failed), drift is found by polling "
            + "only; Off: disabled by the operator's --drift-events=off.")
    public String state;
    @JsonPropertyDescription("CamelCase reason of the state, also the reason of the DriftEvents condition: Reading, "
            + "ActionTrailAccessDenied (NoPermission), ActionTrailQueryRefused; TurnedOff with state Off.")
    public String reason;
    @JsonPropertyDescription("Why the state is what it is, and what to do about it.")
    public String message;
    @JsonPropertyDescription("RFC 3339 time up to which events were read; after a restart reading resumes here "
            + "(with an overlap; events are de-duplicated by event ID).")
    public String cursor;
}
