package io.ramgrants.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountStatus;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.GrantStatus;
import org.junit.jupiter.api.Test;

class StatusWritesTest {
    @Test
    void statusesCompareAsStoredJsonSoEveryFieldCounts() {
        AlibabaCloudAccountStatus a = new AlibabaCloudAccountStatus();
        AlibabaCloudAccountStatus b = new AlibabaCloudAccountStatus();
        assertThat(AccountStatuses.same(a, b)).isTrue();
        b.verifiedIdentity = "acs:ram::2222222222222222:root";
        assertThat(AccountStatuses.same(a, b)).isFalse();
        assertThat(AccountStatuses.same(null, b)).isFalse();
        assertThat(AccountStatuses.same(null, null)).isTrue();
    }

    @Test
    void ignoredFieldsDoNotCount() {
        GrantStatus a = new GrantStatus();
        GrantStatus b = new GrantStatus();
        a.lastSyncTime = "2026-01-01T00:00:00Z";
        b.lastSyncTime = "2026-01-01T00:10:00Z";
        assertThat(StatusWrites.sameStatus(a, b)).isFalse();
        assertThat(StatusWrites.sameStatus(a, b, "lastSyncTime")).isTrue();
    }

    @Test
    void theStatusPatchCarriesIdentityAndStatusOnlyForEitherScope() {
        DmsAccessRole grant = new DmsAccessRole();
        grant.setMetadata(new ObjectMetaBuilder().withName("g").withNamespace("team").withResourceVersion("42")
                .addToLabels("a", "b").build());
        GrantStatus status = new GrantStatus();
        DmsAccessRole patch = StatusWrites.statusOnly(grant, status);
        assertThat(patch).isNotSameAs(grant);
        assertThat(patch.getMetadata().getName()).isEqualTo("g");
        assertThat(patch.getMetadata().getNamespace()).isEqualTo("team");
        assertThat(patch.getMetadata().getResourceVersion()).isNull();
        assertThat(patch.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(patch.getStatus()).isSameAs(status);
        assertThat(patch.getSpec()).isNull();

        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName("acct").withResourceVersion("7").build());
        AlibabaCloudAccount accountPatch = StatusWrites.statusOnly(account, new AlibabaCloudAccountStatus());
        assertThat(accountPatch.getMetadata().getNamespace()).isNull();
        assertThat(accountPatch.getMetadata().getResourceVersion()).isNull();
    }
}
