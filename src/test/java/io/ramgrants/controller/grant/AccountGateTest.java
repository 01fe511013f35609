package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.accounts.StaticSecretCredentials;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.Infrastructure;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate names the rule a grant breaks from one validation, each error carrying its kind. */
class AccountGateTest {
    private static final String OWNER = "2222222222222222";
    private static final String ACCESSOR = "1111111111111111";

    private static AccountRegistry registry(List<String> namespaces, List<String> trustable) {
        AccountRegistry registry = new AccountRegistry((id, endpoint, credentials) -> {
            throw new AssertionError("the gate builds no RAM gateway");
        });
        registry.put(new AccountHandle("acct-b", OWNER, AccountEndpoint.publicCloud(), Infrastructure.Public, namespaces,
                trustable, new StaticSecretCredentials(AccessKeyCredentials.permanent("AK", "SK")), AccountReason.Verified,
                "credentials verified", "acs:ram::" + OWNER + ":root"));
        return registry;
    }

    private static Verdict verdict(AccountRegistry registry, String roleName) {
        DmsAccessRole grant = Grants.dmsAccess("access", roleName, "acct-b", ACCESSOR);
        grant.getMetadata().setNamespace("team");
        return new AccountGate(registry).admit(grant).blocked().orElseThrow();
    }

    @Test
    void aNamespaceTheAccountLeavesOutIsAccountNotAllowedEvenWithATrustErrorBesides() {
        Verdict verdict = verdict(registry(List.of("other"), List.of("3333333333333333")), "dms-access");
        assertThat(verdict.reason()).isEqualTo(GrantReasons.ACCOUNT_NOT_ALLOWED);
        assertThat(verdict.message()).contains("allowedNamespaces").contains("trustableAccounts");
    }

    @Test
    void anAccountTheOwnerMayNotTrustIsTrustNotAllowed() {
        Verdict verdict = verdict(registry(List.of(), List.of("3333333333333333")), "dms-access");
        assertThat(verdict.reason()).isEqualTo(GrantReasons.TRUST_NOT_ALLOWED);
    }

    @Test
    void aBrokenSpecIsInvalidSpecAndNamesEveryError() {
        Verdict verdict = verdict(registry(List.of("other"), List.of()), "bad name!");
        assertThat(verdict.reason()).isEqualTo(GrantReasons.INVALID_SPEC);
        assertThat(verdict.message()).contains("spec.roleName").contains("allowedNamespaces");
    }

    @Test
    void aValidGrantIsAdmittedWithItsDesiredState() {
        DmsAccessRole grant = Grants.dmsAccess("access", "dms-access", "acct-b", ACCESSOR);
        grant.getMetadata().setNamespace("team");
        Admission admission = new AccountGate(registry(List.of("team"), List.of(ACCESSOR))).admit(grant);
        assertThat(admission.desired()).hasValueSatisfying(d -> assertThat(d.roles()).singleElement()
                .satisfies(role -> assertThat(role.accountId()).isEqualTo(OWNER)));
    }
}
