package io.ramgrants.accounts;

import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AccountRef;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AssumeRoleCredentials;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.SecretRef;

/** Builds AlibabaCloudAccount specs for tests. */
public final class AccountSpecs {
    private AccountSpecs() {}

    public static AlibabaCloudAccountSpec withSecret(String accountId, String namespace, String secretName) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = accountId;
        spec.credentials = new AccountCredentials();
        spec.credentials.secretRef = new SecretRef();
        spec.credentials.secretRef.namespace = namespace;
        spec.credentials.secretRef.name = secretName;
        return spec;
    }

    public static AlibabaCloudAccountSpec viaAssumeRole(String accountId, String roleArn, String viaAccountName) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = accountId;
        spec.credentials = new AccountCredentials();
        spec.credentials.assumeRole = new AssumeRoleCredentials();
        spec.credentials.assumeRole.roleArn = roleArn;
        spec.credentials.assumeRole.sessionName = "ram-grant-operator";
        spec.credentials.assumeRole.via = new AccountRef(viaAccountName);
        return spec;
    }

    public static AlibabaCloudAccountSpec atEndpoint(AlibabaCloudAccountSpec spec, String baseUrl) {
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = baseUrl;
        spec.endpoint.sts = baseUrl;
        return spec;
    }
}
