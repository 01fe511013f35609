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

    private static InMemoryAccountDirectory directory(AlibabaCloudAccount account) {
        return InMemoryAccountDirectory.of(List.of(account, account("root", ROOT)));
    }
}
