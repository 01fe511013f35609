package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * What a grant wrote in one account and has not removed, or is about to write (recorded before the
 * first RAM write into a new account): the operator's record of where to look when a name or an
 * account leaves the spec (the ownership marker in RAM is the proof).
 */
public class InventoryEntry {
    @JsonPropertyDescription("Account (numeric UID) the resource wrote in.")
    public String accountId;
    @JsonPropertyDescription("Roles the resource created or adopted there and has not removed, or is about to create: a pass records a new account with these names before its first RAM write there.")
    public List<String> roles = new ArrayList<>();
    @JsonPropertyDescription("Custom policies the resource created there and has not removed, or is about to create (recorded like roles).")
    public List<String> policies = new ArrayList<>();
}
