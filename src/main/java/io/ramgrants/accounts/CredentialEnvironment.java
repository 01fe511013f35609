package io.ramgrants.accounts;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The credential variables of the operator's environment, read from a map so tests need
 * not touch the process environment. Names follow the Alibaba Cloud SDKs and the ACK RRSA
 * webhook.
 */
public record CredentialEnvironment(Map<String, String> variables) {
    public static final String ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public static final String ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public static final String SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";
    public static final String ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN";
    public static final String OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    public static final String OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
    public static final String STS_ENDPOINT = "ALIBABA_CLOUD_STS_ENDPOINT";

    public CredentialEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CredentialEnvironment ofProcess() {
        return new CredentialEnvironment(System.getenv());
    }

    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public Optional<String> roleArn() {
        return get(ROLE_ARN);
    }

    public Optional<String> oidcProviderArn() {
        return get(OIDC_PROVIDER_ARN);
    }

    public Optional<Path> oidcTokenFile() {
        return get(OIDC_TOKEN_FILE).map(Path::of);
    }

    /**
     * The webhook injects a host name such as {@code sts-vpc.cn-hangzhou.aliyuncs.com};
     * a value without a scheme means HTTPS.
     */
    public Optional<URI> stsEndpoint() {
        return get(STS_ENDPOINT).map(value -> URI.create(value.contains("://") ? value : "https://" + value + "/"));
    }

    /** True when all three RRSA variables are present. */
    public boolean hasRrsa() {
        return roleArn().isPresent() && oidcProviderArn().isPresent() && oidcTokenFile().isPresent();
    }

    public boolean hasAccessKey() {
        return get(ACCESS_KEY_ID).isPresent() && get(ACCESS_KEY_SECRET).isPresent();
    }
}
