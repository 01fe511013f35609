package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Exactly one credential source. */
public class AccountCredentials {
    public SecretRef secretRef;
    public AssumeRoleCredentials assumeRole;
    public OidcCredentials oidc;
    /** The default credential chain of the operator's environment. */
    @JsonProperty("default")
    public Boolean defaultChain;
}
