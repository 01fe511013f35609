package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One role a grant manages, as last observed. */
public class RoleStatus {
    @JsonPropertyDescription("UID of the account the role lives in.")
    public String accountId;
    @JsonPropertyDescription("Name of the RAM role.")
    public String roleName;
    @JsonPropertyDescription("ARN of the role, acs:ram::<accountId>:role/<roleName>.")
    public String arn;
    /** e.g. Ready, Pending, Drifted, Conflict, Missing. */
    @JsonPropertyDescription("Ready, Pending (paused or waiting for another step), Drifted (Observe mode: RAM differs), Conflict (not ours) or Failed.")
    public String state;
}
