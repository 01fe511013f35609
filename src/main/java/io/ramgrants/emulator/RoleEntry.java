package io.ramgrants.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A role in one account. Mutated only while holding the account's lock. */
final class RoleEntry {
    final String roleId;
    final String roleName;
    final String arn;
    final Instant createDate;
    String description;
    String trustDocument;
    long maxSessionDuration;
    Instant updateDate;
    /** Attached policies with their attach time, in attach order. */
    final Map<PolicyRef, Instant> attachments = new LinkedHashMap<>();

    RoleEntry(String roleId, String roleName, String arn, Instant createDate) {
        this.roleId = roleId;
        this.roleName = roleName;
        this.arn = arn;
        this.createDate = createDate;
        this.updateDate = createDate;
    }

    long attachedCount(String policyType) {
        return attachments.keySet().stream().filter(p -> p.type().equals(policyType)).count();
    }
}
