package io.ramgrants.accounts;

import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.StsGateway;

/**
 * Builds an {@link StsGateway}; the SDK implementation lives in {@code io.ramgrants.ram}, tests
 * pass fakes.
 */
@FunctionalInterface
public interface StsGatewayFactory {

    /**
     * @param accountId   the account the calls count against (the caller's, or for an
     *                    anonymous OIDC exchange the role's)
     * @param endpoint    only {@link AccountEndpoint#sts()} is used
     * @param credentials signs the calls; {@code null} for an anonymous gateway, which can only
     *                    call AssumeRoleWithOIDC (the OIDC token is the credential)
     */
    StsGateway create(String accountId, AccountEndpoint endpoint, CredentialProvider credentials);
}
