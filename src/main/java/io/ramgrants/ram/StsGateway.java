package io.ramgrants.ram;

import java.time.Duration;

/** The STS calls the operator makes: identity checks and credential exchange. */
public interface StsGateway {

    CallerIdentity getCallerIdentity();

    AccessKeyCredentials assumeRole(String roleArn, String sessionName, String externalId, Duration duration);

    /** Anonymous call: the OIDC token is the credential. */
    AccessKeyCredentials assumeRoleWithOidc(String oidcProviderArn, String roleArn, String oidcToken,
                                            String sessionName, Duration duration);

    record CallerIdentity(String accountId, String arn, String identityType) {}
}
