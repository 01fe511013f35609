package io.ramgrants.accounts;

import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.RamGateway;

/**
 * Builds the {@link RamGateway} of one account, e.g. {@code io.ramgrants.ram.RamGatewayFactory::ramGateway};
 * tests pass fakes.
 */
@FunctionalInterface
public interface RamGatewaySource {
    RamGateway create(String accountId, AccountEndpoint endpoint, CredentialProvider credentials);
}
