package io.ramgrants.desired.validation;

import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AssumeRoleCredentials;
import io.ramgrants.api.FieldPatterns;
import io.ramgrants.api.OidcCredentials;
import io.ramgrants.api.SecretRef;
import io.ramgrants.desired.AccountDirectory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rules for {@code AlibabaCloudAccount}, shared by {@code plan} and the operator.
 *
 * <p>{@link #validateSpec} judges what the object says about itself: the CRD's schema and CEL
 * rules, and what a rule on {@code spec} cannot see (its own name, a URL that does not parse).
 * The operator runs only this, before any cloud call. {@link #validate} adds what needs the other
 * accounts: {@code assumeRole.via} must name one that exists. {@code plan} judges a complete set
 * of manifests, so a missing via account is an error there; the operator instead waits for it
 * ({@code ViaAccountNotReady}), because GitOps may create it a moment later.
 */
public final class AccountValidator {
    private static final String ROLE_ARN_HINT = "must be acs:ram::<16-digit account>:role/<role name>";
    private static final String URL_HINT = "must be an http(s) URL such as https://ram.aliyuncs.com/";
    private static final String VIA = "spec.credentials.assumeRole.via";

    /** The spec on its own; {@code name} is the account's metadata.name. */
    public List<ValidationError> validateSpec(String name, AlibabaCloudAccountSpec spec) {
        SpecChecks checks = new SpecChecks();
        if (!checks.required(spec, "spec", "accountId and credentials")) {
            return checks.errors();
        }
        checks.accountId(spec.accountId, "spec.accountId", "the account's 16-digit UID");
        if (checks.required(spec.credentials, "spec.credentials", "one of secretRef, assumeRole, oidc, default")) {
            credentials(checks, spec.credentials, name);
        }
        if (spec.endpoint != null) {
            endpointUrl(checks, spec.endpoint.ram, "spec.endpoint.ram");
            endpointUrl(checks, spec.endpoint.sts, "spec.endpoint.sts");
            endpointUrl(checks, spec.endpoint.actiontrail, "spec.endpoint.actiontrail");
        }
        // infrastructure may be null: the CRD defaults it to Public, as AccountFacts does.
        eachMatches(checks, spec.allowedNamespaces, FieldPatterns.NAMESPACE, "spec.allowedNamespaces",
                "must be a namespace name");
        eachMatches(checks, spec.trustableAccounts, FieldPatterns.ACCOUNT_ID, "spec.trustableAccounts",
                SpecChecks.ACCOUNT_ID_HINT);
        return checks.errors();
    }

    /** {@link #validateSpec} plus the references: the via account must be among {@code accounts}. */
    public List<ValidationError> validate(AlibabaCloudAccount account, AccountDirectory accounts) {
        AlibabaCloudAccountSpec spec = account.getSpec();
        List<ValidationError> errors = new ArrayList<>(validateSpec(account.getMetadata().getName(), spec));
        boolean viaJudged = errors.stream().anyMatch(e -> e.fieldPath().startsWith(VIA));
        String via = spec == null || spec.credentials == null || spec.credentials.assumeRole == null
                || spec.credentials.assumeRole.via == null ? null : spec.credentials.assumeRole.via.name;
        if (via != null && !viaJudged && accounts.byName(via).isEmpty()) {
            errors.add(new ValidationError(VIA, "no AlibabaCloudAccount named '" + via + "'; create it or correct the name"));
        }
        return List.copyOf(errors);
    }

    private static void credentials(SpecChecks checks, AccountCredentials credentials, String accountName) {
        long sources = IntStream.of(credentials.secretRef != null ? 1 : 0, credentials.assumeRole != null ? 1 : 0,
                credentials.oidc != null ? 1 : 0, Boolean.TRUE.equals(credentials.defaultChain) ? 1 : 0).sum();
        if (sources != 1) {
            checks.error("spec.credentials", "set exactly one of secretRef, assumeRole, oidc or default: true; found "
                    + sources);
        }
        if (credentials.secretRef != null) {
            secretRef(checks, credentials.secretRef);
        }
        if (credentials.assumeRole != null) {
            assumeRole(checks, credentials.assumeRole, accountName);
        }
        if (credentials.oidc != null) {
            oidc(checks, credentials.oidc);
        }
    }

    private static void secretRef(SpecChecks checks, SecretRef ref) {
        String path = "spec.credentials.secretRef";
        if (checks.required(ref.name, path + ".name", "the Secret's name")) {
            checks.matches(ref.name, FieldPatterns.OBJECT_NAME, path + ".name", "must be a Kubernetes object name");
        }
        if (checks.required(ref.namespace, path + ".namespace", "the namespace of the Secret")) {
            checks.matches(ref.namespace, FieldPatterns.NAMESPACE, path + ".namespace", "must be a namespace name");
        }
    }

    private static void assumeRole(SpecChecks checks, AssumeRoleCredentials assumeRole, String accountName) {
        String path = "spec.credentials.assumeRole";
        if (checks.required(assumeRole.roleArn, path + ".roleArn", "the ARN of the role to assume")) {
            checks.matches(assumeRole.roleArn, FieldPatterns.ROLE_ARN, path + ".roleArn", ROLE_ARN_HINT);
        }
        checks.matches(assumeRole.sessionName, FieldPatterns.SESSION_NAME, path + ".sessionName",
                "must be 2-64 characters: letters, digits, '.', '@', '-' or '_'");
        notBlankWhenSet(checks, assumeRole.externalId, path + ".externalId",
                "leave it out when the role's trust policy asks for none");
        if (assumeRole.via == null) {
            checks.error(VIA, "is required: the AlibabaCloudAccount whose credentials call AssumeRole");
        } else if (checks.required(assumeRole.via.name, VIA + ".name", "an AlibabaCloudAccount name")) {
            checks.matches(assumeRole.via.name, FieldPatterns.OBJECT_NAME, VIA + ".name",
                    "must be an AlibabaCloudAccount name");
            if (assumeRole.via.name.equals(accountName)) {
                checks.error(VIA, "names this account itself; name the account whose credentials call AssumeRole");
            }
        }
    }

    private static void oidc(SpecChecks checks, OidcCredentials oidc) {
        String path = "spec.credentials.oidc";
        if (checks.required(oidc.roleArn, path + ".roleArn", "the ARN of the RRSA role")) {
            checks.matches(oidc.roleArn, FieldPatterns.ROLE_ARN, path + ".roleArn", ROLE_ARN_HINT);
        }
        if (checks.required(oidc.oidcProviderArn, path + ".oidcProviderArn", "the OIDC provider's ARN")) {
            checks.matches(oidc.oidcProviderArn, FieldPatterns.OIDC_PROVIDER_ARN, path + ".oidcProviderArn",
                    "must be acs:ram::<16-digit account>:oidc-provider/<name>");
        }
        notBlankWhenSet(checks, oidc.tokenFile, path + ".tokenFile",
                "leave it out to use the operator's ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    }

    /** The value is never echoed: an external ID is a shared secret of sorts. */
    private static void notBlankWhenSet(SpecChecks checks, String value, String path, String whenAbsent) {
        if (value != null && !value.matches(FieldPatterns.NOT_BLANK)) {
            checks.error(path, "must not be blank when set; " + whenAbsent);
        }
    }

    /** The CRD's pattern, then what only a URL parser can tell: the operator calls this host. */
    private static void endpointUrl(SpecChecks checks, String url, String path) {
        if (url == null) {
            return;
        }
        if (!url.matches(FieldPatterns.ENDPOINT_URL)) {
            checks.error(path, URL_HINT + "; got '" + url + "'");
        } else if (!hasHost(url)) {
            checks.error(path, URL_HINT + " (a URL with a host name); got '" + url + "'");
        }
    }

    private static boolean hasHost(String url) {
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
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
