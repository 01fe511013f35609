package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

public class AlibabaCloudAccountStatus {
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
    public Long observedGeneration;
    @JsonPropertyDescription("kstatus conditions: Ready (reason Verified, or why the credentials could not be verified), Reconciling and Stalled; "
            + "and DriftEvents (True: RAM write events are read from ActionTrail; False: drift is found by polling only, "
            + "the message says what to grant; absent with --drift-events=off or while the account is not ready).")
    public List<Condition> conditions = new ArrayList<>();
    /** The ARN STS GetCallerIdentity returned for the configured credentials. */
    @JsonPropertyDescription("The ARN STS GetCallerIdentity returned for the configured credentials, e.g. acs:ram::2222222222222222:user/operator.")
    public String verifiedIdentity;
    /**
     * Written by the drift event reader only (a merge patch of this field); the account
     * reconciler's server-side apply leaves it out, so neither overwrites the other.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("Event-driven drift detection for this account: whether "
            + "RAM write events are read from ActionTrail, why not, and the cursor reading resumes from.")
    public DriftEventsStatus driftEvents;
}
