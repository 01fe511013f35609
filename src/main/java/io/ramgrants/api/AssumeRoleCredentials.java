package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Credentials obtained by STS AssumeRole, using another account's credentials. */
public class AssumeRoleCredentials {
    @Required
    @Pattern(FieldPatterns.ROLE_ARN)
    @JsonPropertyDescription("acs:ram::<accountId>:role/<roleName> of the role to assume in this account.")
    public String roleArn;
    @Pattern(FieldPatterns.SESSION_NAME)
    @JsonPropertyDescription("RoleSessionName of the STS session, shown in ActionTrail; default: ram-grant-operator.")
    public String sessionName;
    @Pattern(FieldPatterns.NOT_BLANK)
    @JsonPropertyDescription("ExternalId the role's trust policy requires, if any.")
    public String externalId;
    /** The account whose credentials call AssumeRole. */
    @Required
    @JsonPropertyDescription("The AlibabaCloudAccount whose credentials call AssumeRole.")
    public AccountRef via;
}
