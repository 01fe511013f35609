package io.ramgrants.api;

/** RRSA on ACK: STS AssumeRoleWithOIDC with the pod's projected service account token. */
public class OidcCredentials {
    public String roleArn;
    public String oidcProviderArn;
    /** Re-read on every exchange; defaults to ALIBABA_CLOUD_OIDC_TOKEN_FILE. */
    public String tokenFile;
}
