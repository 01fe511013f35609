package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

public class AlibabaCloudAccountStatus {
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
    public Long observedGeneration;
    @JsonPropertyDescription("kstatus conditions: Ready (reason Verified, or why the credentials could not be verified), Reconciling and Stalled.")
    public List<Condition> conditions = new ArrayList<>();
    /** The ARN STS GetCallerIdentity returned for the configured credentials. */
    @JsonPropertyDescription("The ARN STS GetCallerIdentity returned for the configured credentials, e.g. acs:ram::2222222222222222:user/operator.")
    public String verifiedIdentity;
    /** Written by the drift event reader, not by the account reconciler (which keeps it). */
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("Event-driven drift detection for this account: whether "
            + "RAM write events are read from ActionTrail, why not, and the cursor reading resumes from.")
    public DriftEventsStatus driftEvents;
}
