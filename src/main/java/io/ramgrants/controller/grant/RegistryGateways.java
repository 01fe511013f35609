package io.ramgrants.controller.grant;

import io.ramgrants.accounts.AccountNotReadyException;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.ram.RamGateway;
import java.util.Map;

/**
 * The engine reaches each role's account through the AlibabaCloudAccount admission chose for
 * it: the one the grant names, else the one declaring the account ID.
 */
final class RegistryGateways implements GatewayResolver {
    private final AccountRegistry registry;
    private final Map<String, String> accountNames;

    RegistryGateways(AccountRegistry registry, Map<String, String> accountNames) {
        this.registry = registry;
        this.accountNames = Map.copyOf(accountNames);
    }

    @Override
    public RamGateway gatewayFor(String accountId) {
        String name = accountNames.get(accountId);
        if (name == null) {
            throw new AccountNotReadyException(AccountReason.InvalidSpec,
                    "no AlibabaCloudAccount was admitted for account " + accountId);
        }
        return registry.ramGateway(name);
    }
}
