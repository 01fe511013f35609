package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.B;
import static io.ramgrants.engine.Fixtures.DMS_OWNER;
import static io.ramgrants.engine.Fixtures.DTS_OWNER;
import static io.ramgrants.engine.Fixtures.OTHER_OWNER;
import static io.ramgrants.engine.Fixtures.TASK;
import static io.ramgrants.engine.Fixtures.dmsPolicy;
import static io.ramgrants.engine.Fixtures.dtsTrust;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a resource owns but no longer declares: found by inventory or marker, removed, retained or only planned. */
class GrantEngineRemovalTest {
    final FakeRam ram = new FakeRam();
    final GrantEngine engine = new GrantEngine(ram);
    final EngineOptions manage = EngineOptions.defaults();

    static DesiredState dts(String roleName, String... accounts) {
        List<DesiredRole> roles = java.util.Arrays.stream(accounts).map(a -> new DesiredRole(a, roleName,
                DTS_OWNER.marker(), dtsTrust(TASK), Set.of("AliyunDTSRolePolicy"), List.of(), DTS_OWNER)).toList();
        return new DesiredState(DTS_OWNER, roles, List.of());
    }

    static DesiredState dms(String roleName, String policyName) {
        List<DesiredCustomPolicy> policies = policyName == null ? List.of()
                : List.of(new DesiredCustomPolicy(policyName, dmsPolicy("kvstore:DescribeInstances"), DMS_OWNER.marker()));
        DesiredRole role = new DesiredRole(A, roleName, DMS_OWNER.marker(), dtsTrust(TASK), Set.of(), policies,
                DMS_OWNER);
        return new DesiredState(DMS_OWNER, List.of(role), List.of());
    }

    @Test
    void aRenameRemovesTheOldRoleAfterCreatingTheNewOneAndRecordsOnlyTheNew() {
        EngineResult first = engine.reconcile(dts("old", A, B), Inventory.empty(), true, manage);
        ram.account(A).attachOutOfBand("old", PolicyType.System, "AdministratorAccess");

        EngineResult renamed = engine.reconcile(dts("new", A, B), first.removals().inventory(), false, manage);

        assertThat(renamed.appliedLines()).containsExactly(
                "CreateRole new in " + A, "AttachPolicy System/AliyunDTSRolePolicy to new in " + A,
                "CreateRole new in " + B, "AttachPolicy System/AliyunDTSRolePolicy to new in " + B,
                "DetachPolicy System/AliyunDTSRolePolicy from old in " + A + " (no longer declared)",
                "DetachPolicy System/AdministratorAccess from old in " + A + " (no longer declared)",
                "DeleteRole old in " + A + " (no longer declared)",
                "DetachPolicy System/AliyunDTSRolePolicy from old in " + B + " (no longer declared)",
                "DeleteRole old in " + B + " (no longer declared)");
        assertThat(renamed.converged()).isTrue();
        assertThat(ram.account(A).roles).containsOnlyKeys("new");
        assertThat(ram.account(B).roles).containsOnlyKeys("new");
        assertThat(renamed.removals().inventory()).isEqualTo(Inventory.builder().role(A, "new").role(B, "new").build());
    }

    @Test
    void aRoleCreatedButNeverRecordedIsFoundByItsMarker() {
        engine.reconcile(dts("old", A), Inventory.empty(), false, manage);

        EngineResult observed = engine.reconcile(dts("new", A), Inventory.empty(), true,
                manage.withMode(ManagementMode.OBSERVE));
        assertThat(observed.plan().lines()).contains("DeleteRole old in " + A + " (no longer declared)");
        assertThat(observed.applied()).isEmpty();
        assertThat(observed.converged()).isFalse();
        assertThat(ram.account(A).roles).containsOnlyKeys("old");

        EngineResult paused = engine.reconcile(dts("new", A), Inventory.empty(), true, manage.withPaused(true));
        assertThat(paused.applied()).isEmpty();
        assertThat(paused.removals().inventory().roles(A)).containsExactlyInAnyOrder("old", "new");

        engine.reconcile(dts("new", A), Inventory.empty(), true, manage);
        assertThat(ram.account(A).roles).containsOnlyKeys("new");
    }

    @Test
    void retainReportsTheLeftoverAndKeepsItInTheInventory() {
        EngineResult first = engine.reconcile(dts("old", A), Inventory.empty(), true, manage);
        EngineOptions retain = manage.withRemoval(RemovalPolicy.RETAIN);

        EngineResult renamed = engine.reconcile(dts("new", A), first.removals().inventory(), true, retain);

        assertThat(renamed.plan().lines()).noneMatch(l -> l.contains("no longer declared"));
        assertThat(renamed.removals().retained()).containsExactly("role old in " + A);
        assertThat(renamed.notes()).anyMatch(n -> n.startsWith("deletion policy Retain: role old in " + A));
        assertThat(renamed.converged()).isTrue();
        assertThat(renamed.removals().inventory().roles(A)).containsExactlyInAnyOrder("old", "new");
        assertThat(ram.account(A).roles).containsOnlyKeys("old", "new");

        EngineResult deleted = engine.delete(dts("new", A), renamed.removals().inventory(), true, manage);
        assertThat(deleted.converged()).isTrue();
        assertThat(ram.account(A).roles).isEmpty();
        assertThat(deleted.removals().inventory().isEmpty()).isTrue();
    }

    @Test
    void deletionAfterARenameFindsTheOldRoleAndPolicyThroughTheInventoryAlone() {
        EngineResult first = engine.reconcile(dms("dms-old", "pol-old"), Inventory.empty(), true, manage);
        EngineOptions retain = manage.withRemoval(RemovalPolicy.RETAIN);
        EngineResult renamed = engine.reconcile(dms("dms-new", "pol-new"), first.removals().inventory(), false, retain);
        assertThat(ram.account(A).policies).containsOnlyKeys("pol-old", "pol-new");

        EngineResult deleted = engine.delete(dms("dms-new", "pol-new"), renamed.removals().inventory(), false, manage);

        assertThat(deleted.appliedLines()).contains("DeleteRole dms-old in " + A, "DeletePolicy pol-old in " + A,
                "DeleteRole dms-new in " + A, "DeletePolicy pol-new in " + A);
        assertThat(ram.account(A).roles).isEmpty();
        assertThat(ram.account(A).policies).isEmpty();
    }

    @Test
    void aPolicyNoLongerNeededGoesAndOneStillDesiredByTheRenamedRoleStays() {
        EngineResult first = engine.reconcile(dms("dms-role", "pol"), Inventory.empty(), true, manage);

        EngineResult noPolicy = engine.reconcile(dms("dms-role", null), first.removals().inventory(), false, manage);
        assertThat(noPolicy.appliedLines()).containsExactly("DetachPolicy Custom/pol from dms-role in " + A,
                "DeletePolicy pol in " + A + " (no longer declared)");
        assertThat(ram.account(A).policies).isEmpty();

        EngineResult back = engine.reconcile(dms("dms-role", "pol"), noPolicy.removals().inventory(), false, manage);
        assertThat(back.appliedLines()).containsExactly("CreatePolicy pol in " + A,
                "AttachPolicy Custom/pol to dms-role in " + A);

        EngineResult renamed = engine.reconcile(dms("dms-role-2", "pol"), back.removals().inventory(), false, manage);
        assertThat(renamed.appliedLines()).doesNotContain("DeletePolicy pol in " + A + " (no longer declared)");
        assertThat(ram.account(A).roles).containsOnlyKeys("dms-role-2");
        assertThat(ram.account(A).policies).containsOnlyKeys("pol");
        assertThat(ram.account(A).attached("dms-role-2")).containsExactly(new AttachedPolicy("pol", PolicyType.Custom));
    }

    @Test
    void rolesWithAnotherMarkerOrNoneAreNeverRemovedEvenWhenTheInventoryNamesThem() {
        ram.account(A).putRole("foreign", dtsTrust(TASK).toJson(), OTHER_OWNER.marker());
        ram.account(A).putRole("handmade", dtsTrust(TASK).toJson(), "made in the console");
        Inventory claimed = Inventory.builder().role(A, "foreign").role(A, "handmade").build();

        EngineResult result = engine.reconcile(dts("new", A), claimed, true, manage);

        assertThat(result.plan().lines()).noneMatch(l -> l.contains("foreign") || l.contains("handmade"));
        assertThat(ram.account(A).roles).containsOnlyKeys("foreign", "handmade", "new");
        assertThat(result.notes()).contains(
                "role foreign in " + A + " is no longer declared but carries the marker of " + OTHER_OWNER
                        + ": left alone",
                "role handmade in " + A + " is no longer declared but carries no ownership marker: left alone");
        assertThat(result.removals().inventory().roles(A)).containsExactly("new");
        EngineResult deleted = engine.delete(dts("new", A), claimed, true, manage);
        assertThat(deleted.converged()).isTrue();
        assertThat(ram.account(A).roles).containsOnlyKeys("foreign", "handmade");
    }

    @Test
    void anAdoptedRoleLeavingTheSpecIsRemovedLikeOneTheResourceCreated() {
        ram.account(A).putRole("adopted", dtsTrust(TASK).toJson(), "made in the console");
        EngineOptions adopt = manage.withAdoption(Adoption.IF_UNOWNED);
        EngineResult adopted = engine.reconcile(dts("adopted", A), Inventory.empty(), true, adopt);
        assertThat(ram.account(A).roles.get("adopted").description()).isEqualTo(DTS_OWNER.marker());

        engine.reconcile(dts("new", A), adopted.removals().inventory(), true, adopt);

        assertThat(ram.account(A).roles).containsOnlyKeys("new");
    }

    @Test
    void anUnreachableAccountKeepsItsInventoryAndThePassUnconverged() {
        EngineResult first = engine.reconcile(dts("old", A), Inventory.empty(), true, manage);
        Inventory prior = Inventory.builder().account(first.removals().inventory(), A).role("9999999999999999", "old")
                .build();
        GrantEngine partial = new GrantEngine(id -> {
            if (id.equals("9999999999999999")) {
                throw new IllegalStateException("no AlibabaCloudAccount declares account " + id);
            }
            return ram.gatewayFor(id);
        });

        EngineResult result = partial.reconcile(dts("old", A), prior, true, manage);

        assertThat(result.converged()).isFalse();
        assertThat(result.removals().unreachable()).singleElement().asString().contains("9999999999999999");
        assertThat(result.removals().inventory().roles("9999999999999999")).containsExactly("old");
    }

    @Test
    void ownerRefMarkerIsWhatTheScanMatches() {
        OwnerRef lookalike = new OwnerRef(DTS_OWNER.namespace(), DTS_OWNER.kind(), DTS_OWNER.name() + "-2");
        ram.account(A).putRole("lookalike", dtsTrust(TASK).toJson(), lookalike.marker());

        EngineResult result = engine.reconcile(dts("new", A), Inventory.empty(), true, manage);

        assertThat(result.plan().lines()).noneMatch(l -> l.contains("lookalike"));
        assertThat(ram.account(A).roles).containsKey("lookalike");
    }
}
