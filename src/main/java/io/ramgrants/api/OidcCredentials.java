package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** RRSA on ACK: STS AssumeRoleWithOIDC with the pod's projected service account token. */
public class OidcCredentials {
    @Required
    @Pattern(FieldPatterns.ROLE_ARN)
    @JsonPropertyDescription("ARN of the role to assume, acs:ram::<accountId>:role/<roleName> (ALIBABA_CLOUD_ROLE_ARN on ACK).")
    public String roleArn;
    @Required
    @Pattern(FieldPatterns.OIDC_PROVIDER_ARN)
    @JsonPropertyDescription("ARN of the cluster's OIDC provider, acs:ram::<accountId>:oidc-provider/<name> (ALIBABA_CLOUD_OIDC_PROVIDER_ARN).")
    public String oidcProviderArn;
    /** Re-read on every exchange; defaults to ALIBABA_CLOUD_OIDC_TOKEN_FILE. */
    @Pattern(FieldPatterns.NOT_BLANK)
    @JsonPropertyDescription("Path of the projected service account token, re-read on every exchange; default: ALIBABA_CLOUD_OIDC_TOKEN_FILE.")
    public String tokenFile;
}
