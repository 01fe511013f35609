package io.ramgrants.controller.grant;

import io.ramgrants.accounts.AccountNotReadyException;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.ram.RamGateway;

/** The engine reaches an account through the AlibabaCloudAccount that declares it. */
final class RegistryGateways implements GatewayResolver {
    private final AccountRegistry registry;

    RegistryGateways(AccountRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RamGateway gatewayFor(String accountId) {
        String name = registry.byAccountId(accountId)
                .orElseThrow(() -> new AccountNotReadyException(AccountReason.InvalidSpec,
                        "no AlibabaCloudAccount declares account " + accountId))
                .name();
        return registry.ramGateway(name);
    }
}
