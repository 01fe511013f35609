package io.ramgrants.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

public class AlibabaCloudAccountStatus {
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
    /** The ARN STS GetCallerIdentity returned for the configured credentials. */
    public String verifiedIdentity;
}
