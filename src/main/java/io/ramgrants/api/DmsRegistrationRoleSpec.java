package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

public class DmsRegistrationRoleSpec extends GrantSpec {
    public static final String DEFAULT_ROLE_NAME = "dms-cross-account";

    /** Account B, the database owner: the role lives here. */
    @Required
    @JsonPropertyDescription("Account B, the database owner: the role and its policy are created here.")
    public AccountRef ownerAccountRef;
    /** Account A, whose DMS tenant registers the databases. */
    @Required
    @Pattern(FieldPatterns.ACCOUNT_ID)
    @JsonPropertyDescription("UID of account A, whose DMS tenant registers the databases.")
    public String dmsAccountId;
    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Database types to register; decides the actions of the custom policy.")
    public List<DatabaseType> databaseTypes = new ArrayList<>();
    @JsonPropertyDescription("How DMS reaches the databases (Internet, VPC, ExpressConnect). VPC and ExpressConnect add vpc:DescribeVpcs to the custom policy when some listed database type needs one; types that need no custom policy (RDS, PolarDB MySQL/PostgreSQL) get none whatever the network types.")
    public List<NetworkType> networkTypes = new ArrayList<>();
    @Default(DEFAULT_ROLE_NAME)
    @Pattern(FieldPatterns.ROLE_NAME)
    @JsonPropertyDescription("Name of the role in account B that DMS assumes (1-64 letters, digits, hyphens).")
    public String roleName = DEFAULT_ROLE_NAME;
    /** Defaults to a name derived from the resource, so two resources never share a policy. */
    @Pattern(FieldPatterns.POLICY_NAME)
    @JsonPropertyDescription("Custom policy name; defaults to one derived from namespace and name, unique per resource.")
    public String policyName;
}
