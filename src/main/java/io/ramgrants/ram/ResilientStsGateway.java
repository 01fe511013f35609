package io.ramgrants.ram;

import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.Objects;

/**
 * Retries and metrics for STS calls, as {@link ResilientRamGateway} does for RAM. No rate limit:
 * STS quotas (100/s per API) are separate from RAM's and far above what credential exchange
 * needs, and sharing RAM's budget would slow reconciles for nothing.
 */
public final class ResilientStsGateway implements StsGateway {
    private final StsGateway delegate;
    private final ResilientCalls calls;

    /** @param accountId the account whose credentials sign the calls (the metrics tag) */
    public ResilientStsGateway(StsGateway delegate, String accountId, CredentialProvider credentialProvider,
                               RamClientSettings settings, OperatorMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = new ResilientCalls(accountId, null, credentialProvider, settings, metrics);
    }

    @Override
    public CallerIdentity getCallerIdentity() {
        return calls.run("GetCallerIdentity", delegate::getCallerIdentity);
    }

    @Override
    public AccessKeyCredentials assumeRole(String roleArn, String sessionName, String externalId, Duration duration) {
        return calls.run("AssumeRole", () -> delegate.assumeRole(roleArn, sessionName, externalId, duration));
    }

    @Override
    public AccessKeyCredentials assumeRoleWithOidc(String oidcProviderArn, String roleArn, String oidcToken,
                                                   String sessionName, Duration duration) {
        return calls.run("AssumeRoleWithOIDC",
                () -> delegate.assumeRoleWithOidc(oidcProviderArn, roleArn, oidcToken, sessionName, duration));
    }
}
