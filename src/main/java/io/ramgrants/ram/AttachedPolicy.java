package io.ramgrants.ram;

/** One entry of ListPoliciesForRole. */
public record AttachedPolicy(String policyName, PolicyType policyType) {}
