package io.ramgrants.controller.grant;

import io.ramgrants.accounts.AccountHandle;
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
    private final String namespace;

    RegistryGateways(AccountRegistry registry, Map<String, String> accountNames) {
        this(registry, accountNames, null);
    }

    /**
     * @param namespace the grant's namespace: an account the spec no longer names is reached only
     *                  through an AlibabaCloudAccount that allows it (null: none of those)
     */
    RegistryGateways(AccountRegistry registry, Map<String, String> accountNames, String namespace) {
        this.registry = registry;
        this.accountNames = Map.copyOf(accountNames);
        this.namespace = namespace;
    }

    @Override
    public RamGateway gatewayFor(String accountId) {
        String name = accountNames.get(accountId);
        if (name == null && namespace != null) {
            // An account the spec no longer names (the grant's inventory says it wrote there).
            name = registry.byAccountId(accountId).filter(AccountHandle::ready)
                    .filter(h -> h.allowsNamespace(namespace)).map(AccountHandle::name).orElse(null);
        }
        if (name == null) {
            throw new AccountNotReadyException(AccountReason.InvalidSpec,
                    "no ready AlibabaCloudAccount declares account " + accountId);
        }
        return registry.ramGateway(name);
    }
}
