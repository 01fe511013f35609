package io.ramgrants.desired;

import io.ramgrants.policy.PolicyDocument;

/** A custom policy the operator creates and attaches; its description carries the owner marker. */
public record DesiredCustomPolicy(String policyName, PolicyDocument document, String description) {}
