package io.ramgrants.engine;

import io.ramgrants.ram.RamGateway;

/**
 * Finds the gateway for an account. The engine never builds credentials or clients itself;
 * the caller (controller or CLI) decides how an account is reached.
 */
@FunctionalInterface
public interface GatewayResolver {
    RamGateway gatewayFor(String accountId);
}
