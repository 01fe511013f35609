package io.ramgrants.engine.batch;

import static io.ramgrants.engine.batch.BatchHarness.A;
import static io.ramgrants.engine.batch.BatchHarness.dmsRole;
import static io.ramgrants.engine.batch.BatchHarness.dtsRole;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.TrustPolicies;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.ram.PolicyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every drift the engine corrects is still corrected when roles are observed in batch: an
 * out-of-band edit through ordinary signed RAM calls, then the next resync after the listing
 * expired. Ten bystander roles show that only the drifted role is read per role.
 */
class BatchObservationDriftTest {
    static final String WIDE = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    final EngineOptions manage = EngineOptions.defaults();
    final DesiredRole dts = dtsRole("ram-for-dts");
    final DesiredRole dms = dmsRole("ram-for-dms");
    final List<DesiredRole> grants = new ArrayList<>(List.of(dts, dms));
    BatchHarness harness;

    @BeforeEach
    void convergeAndSettle() {
        convergeAndSettle(new BatchHarness());
    }

    void convergeAndSettle(BatchHarness newHarness) {
        if (harness != null) {
            harness.close();
        }
        harness = newHarness;
        grants.removeIf(r -> r.roleName().startsWith("bystander-"));
        for (int i = 0; i < 10; i++) {
            grants.add(dtsRole("bystander-" + i));
        }
        assertThat(harness.engine.reconcile(grants, manage).converged()).isTrue();
        harness.nextResync();
        assertThat(harness.engine.reconcile(grants, manage).driftFound()).isFalse();
        harness.nextResync();
        harness.emulator.resetCounters();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aSteadyResyncReadsOnlyTheListings() {
        EngineResult result = harness.engine.reconcile(grants, manage);

        assertThat(result.driftFound()).isFalse();
        assertThat(harness.calls()).containsOnlyKeys("ListRoles", "ListEntitiesForPolicy", "ListPolicies");
        assertThat(harness.totalCalls()).isEqualTo(3);
    }

    @Test
    void anEditedTrustPolicyIsSeenInTheNextListing() {
        harness.console.updateRole("ram-for-dts", TrustPolicies.dtsTask("8888888888888888").toJson(), null, null);

        correctedBy("UpdateRole ram-for-dts in " + A + " (trust policy)");
    }

    @Test
    void anEditedDescriptionIsSeenInTheNextListing() {
        harness.console.updateRole("ram-for-dms", null, "who owns this? " + dms.owner().marker(), null);

        correctedBy("UpdateRole ram-for-dms in " + A + " (description)");
    }

    @Test
    void aDeletedRoleIsMissingFromTheNextListing() {
        harness.console.detachPolicyFromRole(PolicyType.System, "AliyunDTSRolePolicy", "ram-for-dts");
        harness.console.deleteRole("ram-for-dts");

        correctedBy("CreateRole ram-for-dts in " + A, "AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
    }

    @Test
    void aDetachedSystemPolicyIsSeenInItsEntityListing() {
        harness.console.detachPolicyFromRole(PolicyType.System, "AliyunDTSRolePolicy", "ram-for-dts");

        correctedBy("AttachPolicy System/AliyunDTSRolePolicy to ram-for-dts in " + A);
    }

    @Test
    void anEditedCustomPolicyShowsAnotherDefaultVersion() {
        harness.console.createPolicyVersion("ram-for-dms-policy", WIDE, true);

        correctedBy("CreatePolicyVersion ram-for-dms-policy in " + A + " (as default)");
    }

    @Test
    void aDetachedCustomPolicyShowsInItsAttachmentCount() {
        harness.console.detachPolicyFromRole(PolicyType.Custom, "ram-for-dms-policy", "ram-for-dms");

        correctedBy("AttachPolicy Custom/ram-for-dms-policy to ram-for-dms in " + A);
    }

    @Test
    void anExtraPolicyAttachedOutOfBandIsNotSeenInAnyListing() {
        harness.console.attachPolicyToRole(PolicyType.System, "AdministratorAccess", "ram-for-dts");

        // Attaching moves neither UpdateDate nor a listing we read: only the sweep can see it.
        for (int i = 0; i < 3; i++) {
            harness.nextResync();
            assertThat(harness.engine.reconcile(grants, manage).driftFound()).isFalse();
        }
        assertThat(harness.calls()).doesNotContainKey("GetRole");
    }

    @Test
    void anExtraPolicyAttachedOutOfBandIsDetachedByTheSweep() {
        Duration sweep = Duration.ofMinutes(5);
        convergeAndSettle(new BatchHarness(BatchHarness.SETTINGS.withSweepInterval(sweep)));
        harness.console.attachPolicyToRole(PolicyType.System, "AdministratorAccess", "ram-for-dts");

        harness.clock.advance(sweep);
        EngineResult swept = harness.engine.reconcile(grants, manage);
        assertThat(swept.appliedLines()).containsExactly("DetachPolicy System/AdministratorAccess from ram-for-dts in " + A);
        assertThat(harness.console.listPoliciesForRole("ram-for-dts")).extracting(p -> p.policyName())
                .containsExactly("AliyunDTSRolePolicy");
    }

    @Test
    void aRoleEditedWithinTheSecondOfOurOwnReadIsReadAgain() {
        harness.console.updateRole("ram-for-dts", TrustPolicies.dtsTask("8888888888888888").toJson(), null, null);
        harness.nextResync();
        assertThat(harness.engine.reconcile(grants, manage).appliedLines()).hasSize(1);
        // Read again within the second of our UpdateRole; then edited within that same second.
        assertThat(harness.engine.reconcile(grants, manage).driftFound()).isFalse();
        String updateDate = harness.console.getRole("ram-for-dts").orElseThrow().updateDate();
        harness.console.updateRole("ram-for-dts", TrustPolicies.dtsTask("7777777777777777").toJson(), null, null);
        assertThat(harness.console.getRole("ram-for-dts").orElseThrow().updateDate()).isEqualTo(updateDate);

        correctedBy("UpdateRole ram-for-dts in " + A + " (trust policy)");
        assertThat(PolicyDocument.parse(harness.console.getRole("ram-for-dts").orElseThrow().trustPolicyDocument()))
                .isEqualTo(dts.trustPolicy());
    }

    /** The next resync applies exactly {@code expected}, reading only the drifted role per role; then nothing. */
    void correctedBy(String... expected) {
        harness.nextResync();
        harness.emulator.resetCounters();
        EngineResult result = harness.engine.reconcile(grants, manage);
        assertThat(result.appliedLines()).containsExactly(expected);
        assertThat(result.converged()).isTrue();
        assertThat(harness.calls().getOrDefault("GetRole", 0L)).isEqualTo(1);

        harness.nextResync();
        assertThat(harness.engine.reconcile(grants, manage).driftFound()).isFalse();
    }
}
