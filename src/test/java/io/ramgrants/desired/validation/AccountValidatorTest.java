package io.ramgrants.desired.validation;

import static io.ramgrants.desired.Fixtures.OWNER;
import static io.ramgrants.desired.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.AccountRef;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AssumeRoleCredentials;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.OidcCredentials;
import io.ramgrants.api.SecretRef;
import io.ramgrants.desired.InMemoryAccountDirectory;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccountValidatorTest {
    private static final String ROOT = "9000000000000000";
    private final AccountValidator validator = new AccountValidator();

    private static AssumeRoleCredentials assumeRole(String arn, String via) {
        AssumeRoleCredentials assume = new AssumeRoleCredentials();
        assume.roleArn = arn;
        assume.via = via == null ? null : new AccountRef(via);
        return assume;
    }

    private static Arguments invalid(String name, Consumer<AlibabaCloudAccountSpec> change, String field, String says) {
        return Arguments.of(name, change, field, says);
    }

    static Stream<Arguments> invalidAccounts() {
        return Stream.of(
                invalid("account id missing", s -> s.accountId = null, "spec.accountId", "is required"),
                invalid("account id too short", s -> s.accountId = "123", "spec.accountId", "16-digit"),
                invalid("account id with letters", s -> s.accountId = "12ab", "spec.accountId", "got '12ab'"),
                invalid("no credentials", s -> s.credentials = null, "spec.credentials", "is required"),
                invalid("no credential source", s -> s.credentials.defaultChain = false, "spec.credentials",
                        "exactly one"),
                invalid("two credential sources", s -> s.credentials.secretRef = new SecretRef(), "spec.credentials",
                        "found 2"),
                invalid("secret without a name", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.secretRef = new SecretRef();
                }, "spec.credentials.secretRef.name", "is required"),
                invalid("secret without a namespace", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.secretRef = new SecretRef();
                    s.credentials.secretRef.name = "owner-keys";
                }, "spec.credentials.secretRef.namespace", "is required"),
                invalid("assumed role ARN malformed", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("arn:aws:iam::1:role/x", "root");
                }, "spec.credentials.assumeRole.roleArn", "acs:ram::"),
                invalid("assumed role ARN in upper case", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("ACS:RAM::" + OWNER + ":role/operator", "root");
                }, "spec.credentials.assumeRole.roleArn", "acs:ram::"),
                invalid("session name of one character", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "root");
                    s.credentials.assumeRole.sessionName = "x";
                }, "spec.credentials.assumeRole.sessionName", "2-64 characters"),
                invalid("blank external ID", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "root");
                    s.credentials.assumeRole.externalId = " \t";
                }, "spec.credentials.assumeRole.externalId", "must not be blank"),
                invalid("via without a name", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "root");
                    s.credentials.assumeRole.via = new AccountRef(null);
                }, "spec.credentials.assumeRole.via.name", "is required"),
                invalid("via that is no object name", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "Root_Account");
                }, "spec.credentials.assumeRole.via.name", "AlibabaCloudAccount name"),
                invalid("assume role without via", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", null);
                }, "spec.credentials.assumeRole.via", "is required"),
                invalid("assume role via an unknown account", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "ghost");
                }, "spec.credentials.assumeRole.via", "no AlibabaCloudAccount named 'ghost'"),
                invalid("assume role via itself", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "owner");
                }, "spec.credentials.assumeRole.via", "itself"),
                invalid("oidc without provider", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.oidc = new OidcCredentials();
                    s.credentials.oidc.roleArn = "acs:ram::" + OWNER + ":role/rrsa";
                }, "spec.credentials.oidc.oidcProviderArn", "is required"),
                invalid("blank token file", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.oidc = new OidcCredentials();
                    s.credentials.oidc.roleArn = "acs:ram::" + OWNER + ":role/rrsa";
                    s.credentials.oidc.oidcProviderArn = "acs:ram::" + OWNER + ":oidc-provider/ack";
                    s.credentials.oidc.tokenFile = "";
                }, "spec.credentials.oidc.tokenFile", "must not be blank"),
                invalid("secret namespace blank", s -> {
                    s.credentials.defaultChain = null;
                    s.credentials.secretRef = new SecretRef();
                    s.credentials.secretRef.name = "owner-keys";
                    s.credentials.secretRef.namespace = " ";
                }, "spec.credentials.secretRef.namespace", "is required"),
                invalid("endpoint of another scheme", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.sts = "ftp://example.com";
                }, "spec.endpoint.sts", "http(s) URL"),
                invalid("endpoint without a host", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.sts = "http:///sts";
                }, "spec.endpoint.sts", "host name"),
                invalid("endpoint that does not parse", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.ram = "http://emulator|18080/";
                }, "spec.endpoint.ram", "host name"),
                invalid("actiontrail endpoint of another scheme", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.actiontrail = "file:///etc/passwd";
                }, "spec.endpoint.actiontrail", "http(s) URL"),
                invalid("actiontrail endpoint with a javascript scheme", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.actiontrail = "javascript:alert(1)";
                }, "spec.endpoint.actiontrail", "http(s) URL"),
                invalid("actiontrail endpoint without a host", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.actiontrail = "https:///actiontrail";
                }, "spec.endpoint.actiontrail", "host name"),
                invalid("actiontrail endpoint with whitespace", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.actiontrail = "https://actiontrail.cn-hangzhou.aliyuncs.com/\nHost: evil";
                }, "spec.endpoint.actiontrail", "http(s) URL"),
                invalid("endpoint not a URL", s -> {
                    s.endpoint = new EndpointOverrides();
                    s.endpoint.ram = "127.0.0.1:18080";
                }, "spec.endpoint.ram", "URL"),
                invalid("trustable account malformed", s -> s.trustableAccounts = List.of(ROOT, "x"),
                        "spec.trustableAccounts[1]", "16-digit"),
                invalid("allowed namespace malformed", s -> s.allowedNamespaces = List.of("Team_A"),
                        "spec.allowedNamespaces[0]", "namespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAccounts")
    void invalidAccountNamesTheField(String name, Consumer<AlibabaCloudAccountSpec> change, String field, String says) {
        AlibabaCloudAccount owner = account("owner", OWNER);
        change.accept(owner.getSpec());

        assertThat(validator.validate(owner, directory(owner))).anySatisfy(e -> {
            assertThat(e.fieldPath()).isEqualTo(field);
            assertThat(e.message()).contains(says);
        });
    }

    @Test
    void everyCredentialSourceCanBeValid() {
        AlibabaCloudAccount withDefault = account("owner", OWNER);
        AlibabaCloudAccount withSecret = account("owner", OWNER);
        withSecret.getSpec().credentials.defaultChain = null;
        withSecret.getSpec().credentials.secretRef = new SecretRef();
        withSecret.getSpec().credentials.secretRef.name = "owner-keys";
        withSecret.getSpec().credentials.secretRef.namespace = "ramgrants-system";
        AlibabaCloudAccount withAssumeRole = account("owner", OWNER);
        withAssumeRole.getSpec().credentials.defaultChain = null;
        withAssumeRole.getSpec().credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "root");
        AlibabaCloudAccount withOidc = account("owner", OWNER);
        withOidc.getSpec().credentials.defaultChain = null;
        withOidc.getSpec().credentials.oidc = new OidcCredentials();
        withOidc.getSpec().credentials.oidc.roleArn = "acs:ram::" + OWNER + ":role/rrsa";
        withOidc.getSpec().credentials.oidc.oidcProviderArn = "acs:ram::" + OWNER + ":oidc-provider/ack-rrsa-c1";

        for (AlibabaCloudAccount account : List.of(withDefault, withSecret, withAssumeRole, withOidc)) {
            assertThat(validator.validate(account, directory(account))).isEmpty();
        }
    }

    @Test
    void namesEachBrokenFieldOnce() {
        AlibabaCloudAccount self = account("self", OWNER);
        AlibabaCloudAccountSpec spec = self.getSpec();
        spec.accountId = "12ab";
        spec.credentials.defaultChain = null;
        spec.credentials.assumeRole = assumeRole("arn:aws:iam::1:role/x", "self");
        spec.credentials.assumeRole.sessionName = "x";
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.sts = "ftp://example.com";
        spec.trustableAccounts = List.of("abc");

        assertThat(validator.validateSpec("self", spec)).extracting(ValidationError::fieldPath).containsExactly(
                "spec.accountId", "spec.credentials.assumeRole.roleArn", "spec.credentials.assumeRole.sessionName",
                "spec.credentials.assumeRole.via", "spec.endpoint.sts", "spec.trustableAccounts[0]");
    }

    @Test
    void aMissingSpecIsOneError() {
        assertThat(validator.validateSpec("a", null)).containsExactly(
                new ValidationError("spec", "is required: accountId and credentials"));
    }

    @Test
    void defaultFalseBesideAnotherSourceIsOneSource() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().credentials.defaultChain = false;
        owner.getSpec().credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "root");

        assertThat(validator.validate(owner, directory(owner))).isEmpty();
    }

    @Test
    void fieldsTheCrdDefaultsMayBeNull() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().infrastructure = null;
        owner.getSpec().allowedNamespaces = null;
        owner.getSpec().trustableAccounts = null;

        assertThat(validator.validate(owner, directory(owner))).isEmpty();
    }

    /** The operator waits for a via account GitOps may create later; plan, seeing every manifest, refuses. */
    @Test
    void aMissingViaAccountIsOnlyAnErrorAmongAllTheAccounts() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().credentials.defaultChain = null;
        owner.getSpec().credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "ghost");

        assertThat(validator.validateSpec("owner", owner.getSpec())).isEmpty();
        assertThat(validator.validate(owner, directory(owner))).containsExactly(new ValidationError(
                "spec.credentials.assumeRole.via", "no AlibabaCloudAccount named 'ghost'; create it or correct the name"));
    }

    @Test
    void aViaAlreadyRefusedIsNotLookedUp() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().credentials.defaultChain = null;
        owner.getSpec().credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "Ghost_1");

        assertThat(validator.validate(owner, directory(owner))).extracting(ValidationError::fieldPath)
                .containsExactly("spec.credentials.assumeRole.via.name");
    }

    @Test
    void externalIdIsNeverEchoed() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().credentials.defaultChain = null;
        owner.getSpec().credentials.assumeRole = assumeRole("acs:ram::" + OWNER + ":role/operator", "root");
        owner.getSpec().credentials.assumeRole.externalId = "\u000B";

        assertThat(validator.validateSpec("owner", owner.getSpec())).singleElement()
                .satisfies(e -> assertThat(e.message()).doesNotContain("\u000B").doesNotContain("got"));
    }

    @Test
    void emulatorEndpointsAreValid() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().endpoint = new EndpointOverrides();
        owner.getSpec().endpoint.ram = "http://127.0.0.1:18080/";
        owner.getSpec().endpoint.sts = "https://ram-emulator.ramgrants-system.svc:8443";

        assertThat(validator.validateSpec("owner", owner.getSpec())).isEmpty();
    }

    private static InMemoryAccountDirectory directory(AlibabaCloudAccount account) {
        return InMemoryAccountDirectory.of(List.of(account, account("root", ROOT)));
    }
}
