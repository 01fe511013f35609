package io.ramgrants.api;

/** One role a grant manages, as last observed. */
public class RoleStatus {
    public String accountId;
    public String roleName;
    public String arn;
    /** e.g. Ready, Pending, Drifted, Conflict, Missing. */
    public String state;
}
