package io.ramgrants.api;

public class CrossAccountDtsGrantSpec extends GrantSpec {
    public static final String DEFAULT_ROLE_NAME = "ram-for-dts";

    /** The account that creates the DTS task (account B in seed 000). */
    public String taskAccountId;
    public DtsEndpoint source;
    public DtsEndpoint destination;
    public boolean twoWay;
    public String roleName = DEFAULT_ROLE_NAME;
}
