package io.ramgrants.api;

public class DmsAccessRoleSpec extends GrantSpec {
    public static final String DEFAULT_ROLE_NAME = "dms-access";

    /** Account B, the resource owner: the role lives here. */
    public AccountRef ownerAccountRef;
    /** Account A, whose RAM users switch into the role. */
    public String accessorAccountId;
    public String roleName = DEFAULT_ROLE_NAME;
}
