package io.ramgrants.api;

import java.util.ArrayList;
import java.util.List;

public class DmsRegistrationRoleSpec extends GrantSpec {
    public static final String DEFAULT_ROLE_NAME = "dms-cross-account";

    /** Account B, the database owner: the role lives here. */
    public AccountRef ownerAccountRef;
    /** Account A, whose DMS tenant registers the databases. */
    public String dmsAccountId;
    public List<DatabaseType> databaseTypes = new ArrayList<>();
    public List<NetworkType> networkTypes = new ArrayList<>();
    public String roleName = DEFAULT_ROLE_NAME;
    /** Defaults to a name derived from the resource, so two resources never share a policy. */
    public String policyName;
}
