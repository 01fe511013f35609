package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

public class DmsAccessRoleSpec extends GrantSpec {
    public static final String DEFAULT_ROLE_NAME = "dms-access";

    /** Account B, the resource owner: the role lives here. */
    @Required
    @JsonPropertyDescription("Account B, the resource owner: the role is created here.")
    public AccountRef ownerAccountRef;
    /** Account A, whose RAM users switch into the role. */
    @Required
    @Pattern(FieldPatterns.ACCOUNT_ID)
    @JsonPropertyDescription("UID of account A, whose RAM users switch into the role.")
    public String accessorAccountId;
    @Default(DEFAULT_ROLE_NAME)
    @Pattern(FieldPatterns.ROLE_NAME)
    @JsonPropertyDescription("Name of the role in account B (1-64 letters, digits, hyphens); default dms-access.")
    public String roleName = DEFAULT_ROLE_NAME;
}
