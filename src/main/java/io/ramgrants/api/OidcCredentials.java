package io.ramgrants.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** RRSA on ACK: STS AssumeRoleWithOIDC with the pod's projected service account token. */
public class OidcCredentials {
    @Required
    @Pattern(FieldPatterns.ROLE_ARN)
    public String roleArn;
    @Required
    @Pattern(FieldPatterns.OIDC_PROVIDER_ARN)
    public String oidcProviderArn;
    /** Re-read on every exchange; defaults to ALIBABA_CLOUD_OIDC_TOKEN_FILE. */
    @Pattern(FieldPatterns.NOT_BLANK)
    public String tokenFile;
}
