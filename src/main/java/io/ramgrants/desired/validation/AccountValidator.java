package io.ramgrants.desired.validation;

import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.FieldPatterns;
import io.ramgrants.desired.AccountDirectory;
import java.util.List;
import java.util.stream.IntStream;

/** Rules for {@code AlibabaCloudAccount}: the CRD's schema and CEL rules, plus the {@code via} reference. */
public final class AccountValidator {
    private static final String ROLE_ARN_HINT = "must be acs:ram::<16-digit account>:role/<role name>";

    public List<ValidationError> validate(AlibabaCloudAccount account, AccountDirectory accounts) {
        SpecChecks checks = new SpecChecks();
        AlibabaCloudAccountSpec spec = account.getSpec();
        if (!checks.required(spec, "spec", "accountId and credentials")) {
            return checks.errors();
        }
        checks.accountId(spec.accountId, "spec.accountId", "the account's 16-digit UID");
        if (checks.required(spec.credentials, "spec.credentials", "one of secretRef, assumeRole, oidc, default")) {
            credentials(checks, spec.credentials, account.getMetadata().getName(), accounts);
        }
        if (spec.endpoint != null) {
            checks.matches(spec.endpoint.ram, FieldPatterns.ENDPOINT_URL, "spec.endpoint.ram", "must be an http(s) URL");
            checks.matches(spec.endpoint.sts, FieldPatterns.ENDPOINT_URL, "spec.endpoint.sts", "must be an http(s) URL");
        }
        checks.required(spec.infrastructure, "spec.infrastructure", "Public, Finance or Government");
        eachMatches(checks, spec.allowedNamespaces, FieldPatterns.NAMESPACE, "spec.allowedNamespaces",
                "must be a namespace name");
        eachMatches(checks, spec.trustableAccounts, FieldPatterns.ACCOUNT_ID, "spec.trustableAccounts",
                SpecChecks.ACCOUNT_ID_HINT);
        return checks.errors();
    }

    private static void credentials(SpecChecks checks, AccountCredentials credentials, String accountName,
            AccountDirectory accounts) {
        boolean defaultChain = Boolean.TRUE.equals(credentials.defaultChain);
        long sources = IntStream.of(credentials.secretRef != null ? 1 : 0, credentials.assumeRole != null ? 1 : 0,
                credentials.oidc != null ? 1 : 0, defaultChain ? 1 : 0).sum();
        if (sources != 1) {
            checks.error("spec.credentials", "set exactly one of secretRef, assumeRole, oidc or default: true; found "
                    + sources);
        }
        if (credentials.secretRef != null
                && checks.required(credentials.secretRef.name, "spec.credentials.secretRef.name", "the Secret's name")) {
            checks.matches(credentials.secretRef.name, FieldPatterns.OBJECT_NAME, "spec.credentials.secretRef.name",
                    "must be a Kubernetes object name");
        }
        if (credentials.secretRef != null && checks.required(credentials.secretRef.namespace,
                "spec.credentials.secretRef.namespace", "the namespace of the Secret")) {
            checks.matches(credentials.secretRef.namespace, FieldPatterns.NAMESPACE,
                    "spec.credentials.secretRef.namespace", "must be a namespace name");
        }
        if (credentials.assumeRole != null) {
            String path = "spec.credentials.assumeRole";
            if (checks.required(credentials.assumeRole.roleArn, path + ".roleArn", "the ARN of the role to assume")) {
                checks.matches(credentials.assumeRole.roleArn, FieldPatterns.ROLE_ARN, path + ".roleArn", ROLE_ARN_HINT);
            }
            checks.matches(credentials.assumeRole.sessionName, FieldPatterns.SESSION_NAME, path + ".sessionName",
                    "must be 2-64 characters: letters, digits, '.', '@', '-' or '_'");
            if (credentials.assumeRole.via == null) {
                checks.error(path + ".via", "is required: the AlibabaCloudAccount whose credentials call AssumeRole");
            } else if (checks.required(credentials.assumeRole.via.name, path + ".via.name", "an AlibabaCloudAccount name")) {
                String via = credentials.assumeRole.via.name;
                if (via.equals(accountName)) {
                    checks.error(path + ".via", "names this account itself; name the account whose credentials"
                            + " call AssumeRole");
                } else if (accounts.byName(via).isEmpty()) {
                    checks.error(path + ".via", "no AlibabaCloudAccount named '" + via + "'; create it or correct the name");
                }
            }
        }
        if (credentials.oidc != null) {
            String path = "spec.credentials.oidc";
            if (checks.required(credentials.oidc.roleArn, path + ".roleArn", "the ARN of the RRSA role")) {
                checks.matches(credentials.oidc.roleArn, FieldPatterns.ROLE_ARN, path + ".roleArn", ROLE_ARN_HINT);
            }
            if (checks.required(credentials.oidc.oidcProviderArn, path + ".oidcProviderArn", "the OIDC provider's ARN")) {
                checks.matches(credentials.oidc.oidcProviderArn, FieldPatterns.OIDC_PROVIDER_ARN,
                        path + ".oidcProviderArn", "must be acs:ram::<16-digit account>:oidc-provider/<name>");
            }
        }
    }

    private static void eachMatches(SpecChecks checks, List<String> values, String pattern, String path, String hint) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                checks.error(path + "[" + i + "]", "is empty");
            } else {
                checks.matches(values.get(i), pattern, path + "[" + i + "]", hint);
            }
        }
    }
}
