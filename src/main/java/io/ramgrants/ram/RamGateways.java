package io.ramgrants.ram;

import io.ramgrants.observability.OperatorMetrics;
import java.util.Objects;

/**
 * The one way to build gateways: SDK implementation wrapped in the resilience decorators, all
 * drawing from this instance's per-account rate limiters. Create one per process and share it
 * (engine, controllers, CLI), otherwise two limiters would split one account's quota. Its
 * methods fit the {@code accounts} package's factory interfaces as method references
 * ({@code gateways::ramGateway}, {@code gateways::stsGateway}).
 */
public final class RamGateways {
    private final RamClientSettings settings;
    private final OperatorMetrics metrics;
    private final AccountRateLimiters rateLimiters;

    public RamGateways(RamClientSettings settings, OperatorMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.rateLimiters = AccountRateLimiters.of(settings);
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

    /**
     * STS signed with {@code credentials}, which belong to {@code accountId}. With {@code credentials}
     * null the gateway is anonymous and can only call AssumeRoleWithOIDC (the OIDC token is the
     * credential); {@code accountId} is then the role's account, for metrics.
     */
    public StsGateway stsGateway(String accountId, AccountEndpoint endpoint, CredentialProvider credentials) {
        SdkStsGateway sdk = new SdkStsGateway(endpoint.sts(), credentials, settings);
        return new ResilientStsGateway(sdk, accountId, credentials, settings, metrics);
    }
}
