package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Exactly one credential source. */
@JsonClassDescription("How the operator obtains credentials for the account: exactly one of secretRef, assumeRole, oidc, default.")
@ValidationRule(value = AccountCredentials.EXACTLY_ONE_SOURCE,
        message = "set exactly one of secretRef, assumeRole, oidc or default: true")
public class AccountCredentials {
    static final String EXACTLY_ONE_SOURCE = "(has(self.secretRef) ? 1 : 0) + (has(self.assumeRole) ? 1 : 0)"
            + " + (has(self.oidc) ? 1 : 0) + ((has(self.default) && self.default) ? 1 : 0) == 1";

    @JsonPropertyDescription("A Secret with data keys accessKeyId and accessKeySecret (optional securityToken).")
    public SecretRef secretRef;
    @JsonPropertyDescription("STS AssumeRole into this account, calling STS with another account's credentials.")
    public AssumeRoleCredentials assumeRole;
    @JsonPropertyDescription("RRSA on ACK: STS AssumeRoleWithOIDC with the pod's service account token.")
    public OidcCredentials oidc;
    /** The default credential chain of the operator's environment. */
    @JsonProperty("default")
    @JsonPropertyDescription("true: use the default credential chain of the operator's environment.")
    public Boolean defaultChain;
}
