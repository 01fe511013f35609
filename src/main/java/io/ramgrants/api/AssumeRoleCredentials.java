package io.ramgrants.api;

/** Credentials obtained by STS AssumeRole, using another account's credentials. */
public class AssumeRoleCredentials {
    public String roleArn;
    public String sessionName;
    public String externalId;
    /** The account whose credentials call AssumeRole. */
    public AccountRef via;
}
