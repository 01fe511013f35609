package io.ramgrants.accounts;

import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.StsGateway;
import java.net.URI;

/**
 * Builds an {@link StsGateway} for one STS endpoint. The SDK implementation lives in
 * {@code io.ramgrants.ram}; tests pass fakes.
 */
@FunctionalInterface
public interface StsGatewayFactory {

    /**
     * @param credentials signs the calls; {@code null} for an anonymous gateway, which is
     *                    enough for AssumeRoleWithOIDC (the OIDC token is the credential)
     */
    StsGateway create(URI stsEndpoint, CredentialProvider credentials);
}
