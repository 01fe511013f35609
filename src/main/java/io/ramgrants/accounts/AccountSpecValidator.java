package io.ramgrants.accounts;

import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AssumeRoleCredentials;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.OidcCredentials;
import io.ramgrants.api.SecretRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an {@code AlibabaCloudAccount} spec before any cloud call. Pure: the operator and
 * the command line share it. Each error names the field.
 */
public final class AccountSpecValidator {
    static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,32}");
    static final Pattern ROLE_ARN = Pattern.compile("acs:ram::[0-9]{1,32}:role/[A-Za-z0-9.\\-]{1,64}", Pattern.CASE_INSENSITIVE);
    static final Pattern OIDC_PROVIDER_ARN = Pattern.compile("acs:ram::[0-9]{1,32}:oidc-provider/\\S+");
    /** STS RoleSessionName: 2 to 64 of letters, digits, {@code . @ - _}. */
    static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{2,64}");

    private AccountSpecValidator() {}

    /** @return the problems found, empty when the spec is usable */
    public static List<String> validate(String accountName, AlibabaCloudAccountSpec spec) {
        List<String> errors = new ArrayList<>();
        if (spec == null) {
            errors.add("spec is missing");
            return errors;
        }
        if (spec.accountId == null || !ACCOUNT_ID.matcher(spec.accountId).matches()) {
            errors.add("spec.accountId must be the numeric account UID");
        }
        validateCredentials(accountName, spec.credentials, errors);
        validateEndpoint(spec.endpoint, errors);
        for (String trusted : spec.trustableAccounts == null ? List.<String>of() : spec.trustableAccounts) {
            if (trusted == null || !ACCOUNT_ID.matcher(trusted).matches()) {
                errors.add("spec.trustableAccounts must hold numeric account UIDs");
                break;
            }
        }
        return errors;
    }

    private static void validateCredentials(String accountName, AccountCredentials credentials, List<String> errors) {
        if (credentials == null) {
            errors.add("spec.credentials is missing: set one of secretRef, assumeRole, oidc, default");
            return;
        }
        int sources = (credentials.secretRef != null ? 1 : 0) + (credentials.assumeRole != null ? 1 : 0)
                + (credentials.oidc != null ? 1 : 0) + (Boolean.TRUE.equals(credentials.defaultChain) ? 1 : 0);
        if (sources != 1) {
            errors.add("spec.credentials must set exactly one of secretRef, assumeRole, oidc, default (found " + sources + ")");
            return;
        }
        if (credentials.secretRef != null) {
            validateSecretRef(credentials.secretRef, errors);
        } else if (credentials.assumeRole != null) {
            validateAssumeRole(accountName, credentials.assumeRole, errors);
        } else if (credentials.oidc != null) {
            validateOidc(credentials.oidc, errors);
        }
    }

    private static void validateSecretRef(SecretRef ref, List<String> errors) {
        if (isBlank(ref.name)) {
            errors.add("spec.credentials.secretRef.name is missing");
        }
        if (isBlank(ref.namespace)) {
            errors.add("spec.credentials.secretRef.namespace is missing");
        }
    }

    private static void validateAssumeRole(String accountName, AssumeRoleCredentials assumeRole, List<String> errors) {
        if (assumeRole.roleArn == null || !ROLE_ARN.matcher(assumeRole.roleArn).matches()) {
            errors.add("spec.credentials.assumeRole.roleArn must look like acs:ram::<accountId>:role/<roleName>");
        }
        if (assumeRole.sessionName != null && !SESSION_NAME.matcher(assumeRole.sessionName).matches()) {
            errors.add("spec.credentials.assumeRole.sessionName must be 2-64 letters, digits or . @ - _");
        }
        if (assumeRole.externalId != null && assumeRole.externalId.isBlank()) {
            errors.add("spec.credentials.assumeRole.externalId must not be blank when set");
        }
        if (assumeRole.via == null || isBlank(assumeRole.via.name)) {
            errors.add("spec.credentials.assumeRole.via.name is missing: name the AlibabaCloudAccount whose credentials call AssumeRole");
        } else if (assumeRole.via.name.equals(accountName)) {
            errors.add("spec.credentials.assumeRole.via.name must name another AlibabaCloudAccount, not this one");
        }
    }

    private static void validateOidc(OidcCredentials oidc, List<String> errors) {
        if (oidc.roleArn != null && !ROLE_ARN.matcher(oidc.roleArn).matches()) {
            errors.add("spec.credentials.oidc.roleArn must look like acs:ram::<accountId>:role/<roleName>");
        }
        if (oidc.oidcProviderArn != null && !OIDC_PROVIDER_ARN.matcher(oidc.oidcProviderArn).matches()) {
            errors.add("spec.credentials.oidc.oidcProviderArn must look like acs:ram::<accountId>:oidc-provider/<name>");
        }
        if (oidc.tokenFile != null && oidc.tokenFile.isBlank()) {
            errors.add("spec.credentials.oidc.tokenFile must not be blank when set");
        }
    }

    private static void validateEndpoint(EndpointOverrides endpoint, List<String> errors) {
        if (endpoint == null) {
            return;
        }
        checkUrl("spec.endpoint.ram", endpoint.ram, errors);
        checkUrl("spec.endpoint.sts", endpoint.sts, errors);
    }

    private static void checkUrl(String field, String value, List<String> errors) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                errors.add(field + " must be an http(s) URL such as https://ram.aliyuncs.com/");
            }
        } catch (Exception e) {
            errors.add(field + " must be an http(s) URL such as https://ram.aliyuncs.com/");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
