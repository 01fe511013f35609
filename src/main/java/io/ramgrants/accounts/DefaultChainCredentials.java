package io.ramgrants.accounts;

import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * The operator's own credentials ({@code spec.credentials.default: true}): an AccessKey in
 * the environment first, then RRSA. Chosen once, when built; the environment of a running
 * process does not change.
 */
public final class DefaultChainCredentials implements CredentialProvider {
    private final CredentialProvider delegate;
    private final String source;

    private DefaultChainCredentials(CredentialProvider delegate, String source) {
        this.delegate = delegate;
        this.source = source;
    }

    /**
     * @param accountId   the account the credentials are expected to belong to (for STS call accounting)
     * @param stsEndpoint the account's STS endpoint override, or null; without it RRSA uses
     *                    {@code ALIBABA_CLOUD_STS_ENDPOINT}, then the public endpoint
     * @throws AccountNotReadyException with {@link AccountReason#CredentialsUnavailable}
     *                                  when neither source is configured
     */
    public static DefaultChainCredentials fromEnvironment(CredentialEnvironment env, String accountId, URI stsEndpoint,
                                                          StsGatewayFactory stsFactory, Clock clock) {
        Objects.requireNonNull(env, "env");
        if (env.hasAccessKey()) {
            AccessKeyCredentials keys = new AccessKeyCredentials(
                    env.get(CredentialEnvironment.ACCESS_KEY_ID).orElseThrow(),
                    env.get(CredentialEnvironment.ACCESS_KEY_SECRET).orElseThrow(),
                    env.get(CredentialEnvironment.SECURITY_TOKEN).orElse(null),
                    null);
            return new DefaultChainCredentials(new StaticSecretCredentials(keys), "environment AccessKey");
        }
        if (env.hasRrsa()) {
            URI sts = stsEndpoint != null ? stsEndpoint : env.stsEndpoint().orElse(AccountEndpoint.PUBLIC_STS);
            OidcCredentialProvider oidc = new OidcCredentialProvider(
                    stsFactory.create(accountId, new AccountEndpoint(AccountEndpoint.PUBLIC_RAM, sts), null),
                    env.roleArn().orElseThrow(), env.oidcProviderArn().orElseThrow(), env.oidcTokenFile().orElseThrow(),
                    OidcCredentialProvider.DEFAULT_SESSION_NAME, OidcCredentialProvider.DEFAULT_DURATION, clock);
            return new DefaultChainCredentials(oidc, "RRSA");
        }
        throw new AccountNotReadyException(AccountReason.CredentialsUnavailable,
                "the operator's environment holds no credentials: set " + CredentialEnvironment.ACCESS_KEY_ID + " and "
                        + CredentialEnvironment.ACCESS_KEY_SECRET + ", or enable RRSA ("
                        + CredentialEnvironment.ROLE_ARN + ", " + CredentialEnvironment.OIDC_PROVIDER_ARN + ", "
                        + CredentialEnvironment.OIDC_TOKEN_FILE + ")");
    }

    /** Which link of the chain answered: {@code environment AccessKey} or {@code RRSA}. */
    public String source() {
        return source;
    }

    @Override
    public AccessKeyCredentials credentials() {
        return delegate.credentials();
    }

    @Override
    public void invalidate() {
        delegate.invalidate();
    }

    @Override
    public String toString() {
        return "DefaultChainCredentials[" + source + "]";
    }
}
