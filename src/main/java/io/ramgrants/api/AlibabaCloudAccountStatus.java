package io.ramgrants.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

public class AlibabaCloudAccountStatus {
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
    /** The ARN STS GetCallerIdentity returned for the configured credentials. */
    public String verifiedIdentity;
    /** Written by the drift event reader, not by the account reconciler (which keeps it). */
    public DriftEventsStatus driftEvents;
}
