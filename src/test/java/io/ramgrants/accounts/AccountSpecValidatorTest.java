package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.AccountRef;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.EndpointOverrides;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountSpecValidatorTest {
    static final String ID = "1000000000000001";

    @Test
    void completeSpecsHaveNoErrors() {
        assertThat(AccountSpecValidator.validate("hub", AccountSpecs.withSecret(ID, "ops", "keys"))).isEmpty();
        assertThat(AccountSpecValidator.validate("t", AccountSpecs.atEndpoint(
                AccountSpecs.viaAssumeRole(ID, "acs:ram::" + ID + ":role/Operator-1", "hub"), "http://127.0.0.1:18080/")))
                .isEmpty();
    }

    @Test
    void namesEachBrokenField() {
        AlibabaCloudAccountSpec spec = AccountSpecs.viaAssumeRole("12ab", "arn:aws:iam::1:role/x", "self");
        spec.credentials.assumeRole.sessionName = "x";
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.sts = "ftp://example.com";
        spec.trustableAccounts = List.of("abc");

        assertThat(AccountSpecValidator.validate("self", spec)).containsExactly(
                "spec.accountId must be the numeric account UID",
                "spec.credentials.assumeRole.roleArn must look like acs:ram::<accountId>:role/<roleName>",
                "spec.credentials.assumeRole.sessionName must be 2-64 letters, digits or . @ - _",
                "spec.credentials.assumeRole.via.name must name another AlibabaCloudAccount, not this one",
                "spec.endpoint.sts must be an http(s) URL such as https://ram.aliyuncs.com/",
                "spec.trustableAccounts must hold numeric account UIDs");
    }

    @Test
    void requiresExactlyOneCredentialSource() {
        AlibabaCloudAccountSpec none = AccountSpecs.withSecret(ID, "ops", "keys");
        none.credentials.secretRef = null;
        AlibabaCloudAccountSpec defaultFalse = AccountSpecs.withSecret(ID, "ops", "keys");
        defaultFalse.credentials.defaultChain = false;

        assertThat(AccountSpecValidator.validate("a", none)).singleElement().asString().contains("found 0");
        assertThat(AccountSpecValidator.validate("a", defaultFalse)).isEmpty();
        assertThat(AccountSpecValidator.validate("a", null)).containsExactly("spec is missing");
    }

    @Test
    void secretRefNeedsNameAndNamespace() {
        AlibabaCloudAccountSpec spec = AccountSpecs.withSecret(ID, null, " ");

        assertThat(AccountSpecValidator.validate("a", spec)).containsExactly(
                "spec.credentials.secretRef.name is missing", "spec.credentials.secretRef.namespace is missing");
    }

    @Test
    void assumeRoleNeedsVia() {
        AlibabaCloudAccountSpec spec = AccountSpecs.viaAssumeRole(ID, "acs:ram::" + ID + ":role/op", "hub");
        spec.credentials.assumeRole.via = new AccountRef(null);

        assertThat(AccountSpecValidator.validate("a", spec)).singleElement().asString().contains("via.name is missing");
    }
}
