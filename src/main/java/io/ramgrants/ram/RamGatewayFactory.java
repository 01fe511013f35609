package io.ramgrants.ram;

import io.ramgrants.observability.OperatorMetrics;
import java.util.Objects;

/**
 * The one way to build gateways: SDK implementation wrapped in the resilience decorators, all
 * drawing from this factory's per-account rate limiters. Create one factory per process and
 * share it (engine, controllers, CLI), otherwise two limiters would split one account's quota.
 */
public final class RamGatewayFactory {
    private final RamClientSettings settings;
    private final OperatorMetrics metrics;
    private final AccountRateLimiters rateLimiters;

    public RamGatewayFactory(RamClientSettings settings, OperatorMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.rateLimiters = new AccountRateLimiters(settings.qps());
    }

    public RamClientSettings settings() {
        return settings;
    }

    public AccountRateLimiters rateLimiters() {
        return rateLimiters;
    }

    public RamGateway ramGateway(String accountId, AccountEndpoint endpoint, CredentialProvider credentials) {
        SdkRamGateway sdk = new SdkRamGateway(accountId, endpoint.ram(), credentials, settings);
        return new ResilientRamGateway(sdk, rateLimiters, credentials, settings, metrics);
    }

    /** STS signed with {@code credentials}, which belong to {@code accountId}. */
    public StsGateway stsGateway(String accountId, AccountEndpoint endpoint, CredentialProvider credentials) {
        SdkStsGateway sdk = new SdkStsGateway(endpoint.sts(), credentials, settings);
        return new ResilientStsGateway(sdk, accountId, credentials, settings, metrics);
    }

    /**
     * STS for AssumeRoleWithOIDC only (RRSA), which needs no AccessKey; {@code accountId} is the
     * account owning the role, for metrics.
     */
    public StsGateway anonymousStsGateway(String accountId, AccountEndpoint endpoint) {
        return new ResilientStsGateway(SdkStsGateway.anonymous(endpoint.sts(), settings), accountId, null, settings,
                metrics);
    }
}
