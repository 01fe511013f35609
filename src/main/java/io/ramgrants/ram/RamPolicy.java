package io.ramgrants.ram;

/** GetPolicy: the policy and its default version's document. */
public record RamPolicy(
        String policyName,
        PolicyType policyType,
        String description,
        String defaultVersionId,
        String defaultVersionDocument,
        Integer attachmentCount,
        String createDate,
        String updateDate) {}
