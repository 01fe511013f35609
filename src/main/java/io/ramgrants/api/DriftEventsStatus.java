package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonClassDescription("Event-driven drift detection for this account (RAM write events from ActionTrail LookupEvents).")
public class DriftEventsStatus {
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
