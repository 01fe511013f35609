package io.ramgrants.accounts;

import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.RamGateway;

/** Builds the {@link RamGateway} of one account; the SDK implementation lives in {@code io.ramgrants.ram}. */
@FunctionalInterface
public interface RamGatewayFactory {
    RamGateway create(String accountId, AccountEndpoint endpoint, CredentialProvider credentials);
}
