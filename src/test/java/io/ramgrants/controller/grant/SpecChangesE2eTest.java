package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.LONER;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.ready;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.ApiGroup;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DeletionPolicy;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DtsEngine;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.InventoryEntry;
import io.ramgrants.api.ManagementPolicy;
import io.ramgrants.api.NetworkType;
import io.ramgrants.controller.Conditions;
import io.ramgrants.desired.Descriptions;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.reliability.CrashingGateways;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A grant's whole life: whatever its spec becomes, RAM ends up holding exactly what it declares.
 * Each test uses its own name prefix and asserts everything with that prefix in every account
 * involved (roles with their attachments, custom policies), not just the new role.
 */
class SpecChangesE2eTest {
    private static final String DTS_POLICY = "System/AliyunDTSRolePolicy";
    static GrantOperatorHarness k8s;
    static Map<String, RamConsole> console = new HashMap<>();

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(Duration.ofMillis(1500));
        k8s.account("acct-a", A, "LTAI-a", secret("a"));
        k8s.account("acct-b", B, "LTAI-b", secret("b"));
        k8s.account("acct-task", TASK, "LTAI-task", secret("task"));
        k8s.account("acct-loner", LONER, "LTAI-loner", secret("loner"));
        for (String name : List.of("acct-a", "acct-b", "acct-task", "acct-loner")) {
            k8s.awaitAccountReady(name);
        }
        console.put(A, new RamConsole(k8s.emulator, "LTAI-a", secret("a")));
        console.put(B, new RamConsole(k8s.emulator, "LTAI-b", secret("b")));
        console.put(TASK, new RamConsole(k8s.emulator, "LTAI-task", secret("task")));
        console.put(LONER, new RamConsole(k8s.emulator, "LTAI-loner", secret("loner")));
    }

    @AfterAll
    static void stop() {
        k8s.assertNoSecretLeaked();
        k8s.close();
    }

    @Test
    void renamedDtsRoleIsRemovedFromBothAccountsWithTheAttachmentAddedOutOfBand() {
        CrossAccountDtsGrant grant = k8s.create(twoSided("rename", "rn-dts", "acct-a", "acct-b"));
        grant = settled(grant);
        assertRam("rn-", Map.of(A, roles("rn-dts"), B, roles("rn-dts"), TASK, Map.of()));

        grant = k8s.edit(grant, g -> g.getMetadata().setAnnotations(Map.of(ApiGroup.PAUSED_ANNOTATION, "true")));
        console.get(A).attachSystemPolicy("AdministratorAccess", "rn-dts");
        grant = k8s.edit(grant, g -> g.getSpec().roleName = "rn-dts-v2");
        CrossAccountDtsGrant paused = k8s.awaitGrant(grant, g -> current(g)
                && GrantReasons.PAUSED.equals(ready(g).getReason()), "paused plan");
        assertThat(paused.getStatus().plan).contains(
                "DetachPolicy System/AdministratorAccess from rn-dts in " + A + " (no longer declared)",
                "DeleteRole rn-dts in " + A + " (no longer declared)",
                "DeleteRole rn-dts in " + B + " (no longer declared)",
                "CreateRole rn-dts-v2 in " + A);
        assertThat(console.get(A).roleExists("rn-dts")).isTrue();

        grant = k8s.edit(grant, g -> g.getMetadata().setAnnotations(Map.of()));
        grant = settled(grant);
        assertRam("rn-", Map.of(A, roles("rn-dts-v2"), B, roles("rn-dts-v2"), TASK, Map.of()));
        assertThat(inventory(grant)).isEqualTo(Map.of(A, List.of("rn-dts-v2"), B, List.of("rn-dts-v2")));
        assertThat(k8s.eventReasons("rename")).contains("RoleDeleted", "PolicyDetached");

        k8s.delete(grant);
        k8s.awaitGone(grant);
        assertRam("rn-", Map.of(A, Map.of(), B, Map.of(), TASK, Map.of()));
    }

    @Test
    void sourceAccountChangeMovesTheRole() {
        CrossAccountDtsGrant grant = settled(k8s.create(Grants.dts("move", "mv-dts", "acct-a", TASK)));
        assertRam("mv-", Map.of(A, roles("mv-dts"), LONER, Map.of()));

        grant = settled(k8s.edit(grant, g -> g.getSpec().source = Grants.endpoint("acct-loner", DtsEngine.RdsMySQL)));
        assertRam("mv-", Map.of(A, Map.of(), LONER, roles("mv-dts"), TASK, Map.of()));
        assertThat(inventory(grant)).isEqualTo(Map.of(LONER, List.of("mv-dts")));
    }

    @Test
    void destinationAccountChangeAndTaskBecomingOwnerRemoveRolesNoLongerNeeded() {
        CrossAccountDtsGrant grant = settled(k8s.create(twoSided("owner", "ow-dts", "acct-a", "acct-b")));
        assertRam("ow-", Map.of(A, roles("ow-dts"), B, roles("ow-dts")));

        grant = settled(k8s.edit(grant, g -> g.getSpec().destination = Grants.endpoint("acct-loner",
                DtsEngine.RdsMySQL)));
        assertRam("ow-", Map.of(A, roles("ow-dts"), B, Map.of(), LONER, roles("ow-dts")));

        // The task account now owns the source instance: only the destination needs a role.
        grant = settled(k8s.edit(grant, g -> g.getSpec().taskAccountId = A));
        assertRam("ow-", Map.of(A, Map.of(), B, Map.of(), LONER, roles("ow-dts"), TASK, Map.of()));
        assertThat(console.get(LONER).trust("ow-dts").orElseThrow()).contains(A).doesNotContain(TASK);
        assertThat(inventory(grant)).isEqualTo(Map.of(LONER, List.of("ow-dts")));
    }

    @Test
    void dmsDatabaseTypesDropThePolicyAndBringItBack() {
        DmsRegistrationRole grant = Grants.dmsRegistration("types", "ty-role", "acct-b", A,
                List.of(DatabaseType.Redis), List.of(NetworkType.VPC));
        grant.getSpec().policyName = "ty-policy";
        grant = settled(k8s.create(grant));
        assertRam("ty-", Map.of(B, Map.of("role ty-role", List.of("Custom/ty-policy"), "policy ty-policy", List.of())));

        grant = settled(k8s.edit(grant, g -> g.getSpec().databaseTypes = List.of(DatabaseType.RdsMySQL)));
        assertRam("ty-", Map.of(B, Map.of("role ty-role", List.of())));
        assertThat(grant.getStatus().lastDriftCorrection.actions).containsExactly(
                "DetachPolicy Custom/ty-policy from ty-role in " + B,
                "DeletePolicy ty-policy in " + B + " (no longer declared)");

        settled(k8s.edit(grant, g -> g.getSpec().databaseTypes = List.of(DatabaseType.RdsMySQL,
                DatabaseType.OceanBase)));
        assertRam("ty-", Map.of(B, Map.of("role ty-role", List.of("Custom/ty-policy"), "policy ty-policy", List.of())));
        assertThat(console.get(B).policyDocument("ty-policy")).contains("oceanbase:", "vpc:DescribeVpcs");
    }

    @Test
    void dmsPolicyNameChangeReplacesThePolicy() {
        DmsRegistrationRole grant = Grants.dmsRegistration("pname", "pn-role", "acct-b", A,
                List.of(DatabaseType.Redis), List.of());
        grant.getSpec().policyName = "pn-one";
        grant = settled(k8s.create(grant));

        grant = settled(k8s.edit(grant, g -> g.getSpec().policyName = "pn-two"));
        assertRam("pn-", Map.of(B, Map.of("role pn-role", List.of("Custom/pn-two"), "policy pn-two", List.of())));
        assertThat(inventory(grant)).isEqualTo(Map.of(B, List.of("pn-role")));
        assertThat(grant.getStatus().inventory).singleElement()
                .satisfies(e -> assertThat(e.policies).containsExactly("pn-two"));
    }

    @Test
    void retainedLeftoversAreReportedThenDeletedWithTheResourceForAllThreeKinds() {
        CrossAccountDtsGrant dts = Grants.dts("keep-dts", "kp-dts", "acct-a", TASK);
        DmsRegistrationRole registration = Grants.dmsRegistration("keep-reg", "kp-reg", "acct-b", A,
                List.of(DatabaseType.Redis), List.of());
        registration.getSpec().policyName = "kp-reg-policy";
        DmsAccessRole access = Grants.dmsAccess("keep-access", "kp-access", "acct-b", A);
        dts.getSpec().deletionPolicy = DeletionPolicy.Retain;
        registration.getSpec().deletionPolicy = DeletionPolicy.Retain;
        access.getSpec().deletionPolicy = DeletionPolicy.Retain;
        dts = settled(k8s.create(dts));
        registration = settled(k8s.create(registration));
        access = settled(k8s.create(access));

        dts = settled(k8s.edit(dts, g -> g.getSpec().roleName = "kp-dts-2"));
        registration = settled(k8s.edit(registration, g -> {
            g.getSpec().roleName = "kp-reg-2";
            g.getSpec().policyName = "kp-reg-policy-2";
        }));
        access = settled(k8s.edit(access, g -> g.getSpec().roleName = "kp-access-2"));
        assertRam("kp-", Map.of(
                A, Map.of("role kp-dts", List.of(DTS_POLICY), "role kp-dts-2", List.of(DTS_POLICY)),
                B, Map.of("role kp-reg", List.of("Custom/kp-reg-policy"), "policy kp-reg-policy", List.of(),
                        "role kp-reg-2", List.of("Custom/kp-reg-policy-2"), "policy kp-reg-policy-2", List.of(),
                        "role kp-access", List.of("System/AliyunDMSLoginConsoleAccess"),
                        "role kp-access-2", List.of("System/AliyunDMSLoginConsoleAccess"))));
        assertThat(dts.getStatus().notes).anyMatch(n -> n.startsWith("deletion policy Retain: role kp-dts in " + A));
        assertThat(k8s.eventReasons("keep-dts")).contains("RetainedNoLongerDeclared");
        assertThat(inventory(registration)).isEqualTo(Map.of(B, List.of("kp-reg", "kp-reg-2")));

        for (CustomResource<?, GrantStatus> grant : List.<CustomResource<?, GrantStatus>>of(dts, registration, access)) {
            // With Delete, the next pass already removes the retained leftovers; deletion takes the rest.
            settled(k8s.edit(grant, g -> specOf(g).deletionPolicy = DeletionPolicy.Delete));
            k8s.delete(grant);
            k8s.awaitGone(grant);
        }
        assertRam("kp-", Map.of(A, Map.of(), B, Map.of()));
    }

    @Test
    void aRestartBetweenTheSpecChangeAndTheNextPassStillRemovesTheOldRole() {
        CrossAccountDtsGrant grant = settled(k8s.create(Grants.dts("restart", "rs-dts", "acct-a", TASK)));
        CrossAccountDtsGrant before = grant;
        k8s.restartOperator(() -> k8s.edit(before, g -> g.getSpec().source = Grants.endpoint("acct-b",
                DtsEngine.RdsMySQL)));
        grant = settled(grant);
        assertRam("rs-", Map.of(A, Map.of(), B, roles("rs-dts"), TASK, Map.of()));
    }

    /**
     * The hole an inventory written only after the pass leaves: the process dies right after
     * CreateRole in an account the resource never used (neither its last spec nor its inventory),
     * before any status write, and the spec drops that account before the next pass. The write
     * intent recorded that account before the CreateRole, so the restarted operator looks there,
     * proves the role its own by the marker and deletes it; look-alikes beside it (made by hand,
     * unmarked, carrying another resource's marker, each with AdministratorAccess) stay as they were.
     */
    @Test
    void aCrashAfterCreateRoleInANewAccountThatThenLeavesTheSpecLeavesNoOrphan() {
        CrossAccountDtsGrant grant = settled(k8s.create(Grants.dts("orphan", "or-dts", "acct-a", TASK)));
        String trust = "{\"Version\":\"1\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::9999999999999999:root\"]}}]}";
        Map<String, String> lookAlikes = Map.of("or-dtsx", "made by hand", "or-dts-old", "",
                "or-dts.bak", Descriptions.of(new OwnerRef("team-z", "CrossAccountDtsGrant", "orphan"), null));
        lookAlikes.forEach((name, description) -> {
            console.get(LONER).createRole(name, trust, description);
            console.get(LONER).attachSystemPolicy("AdministratorAccess", name);
        });
        SortedMap<String, List<String>> planted = console.get(LONER).inventory("or-");

        CrashingGateways dying = CrashingGateways.afterFirstIn(LONER, "createRole");
        k8s.restartOperator(dying::wrap, () -> { });
        CrossAccountDtsGrant moved = k8s.edit(grant, g -> g.getSpec().source = Grants.endpoint("acct-loner",
                DtsEngine.RdsMySQL));
        // The Error ends a reconcile thread of the dying process uncaught: expected here, not a test failure.
        await("the process dies right after CreateRole in " + LONER).dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(20))
                .until(() -> dying.crashedAfter() != null);
        assertThat(console.get(LONER).roleExists("or-dts")).as("the role the dead process created").isTrue();
        assertThat(inventory(moved)).as("recorded before the CreateRole").containsKey(LONER);

        k8s.restartOperator(UnaryOperator.identity(), () -> k8s.edit(moved, g -> g.getSpec().source =
                Grants.endpoint("acct-a", DtsEngine.RdsMySQL)));
        grant = settled(grant);

        Map<String, Map<String, List<String>>> expected = new HashMap<>(Map.of(A, roles("or-dts")));
        expected.put(LONER, planted);
        assertRam("or-", expected);
        lookAlikes.forEach((name, description) ->
                assertThat(java.util.Objects.toString(console.get(LONER).description(name), "")).as("description of %s", name)
                        .isEqualTo(description));
        assertThat(inventory(grant)).isEqualTo(Map.of(A, List.of("or-dts")));
    }

    /** The write intent cannot be recorded: the pass makes no RAM write, says why, and retries. */
    @Test
    void aFailedWriteIntentMeansNoCreateRole() {
        long creates = k8s.calls(LONER).getOrDefault("CreateRole", 0L);
        k8s.refusedPatches = (path, body) -> path.contains("/crossaccountdtsgrants/refused/status")
                && body.contains("\"accountId\":\"" + LONER + "\"");
        try {
            CrossAccountDtsGrant grant = k8s.awaitReason(k8s.create(Grants.dts("refused", "rf-dts", "acct-loner", TASK)),
                    GrantReasons.INVENTORY_NOT_RECORDED);
            assertThat(ready(grant).getMessage()).contains("could not record account(s) " + LONER)
                    .contains("no RAM write made");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    !console.get(LONER).roleExists("rf-dts"));
            assertThat(k8s.calls(LONER).getOrDefault("CreateRole", 0L)).isEqualTo(creates);
        } finally {
            k8s.refusedPatches = (path, body) -> false;
        }
        CrossAccountDtsGrant grant = settled(k8s.get(Grants.dts("refused", "rf-dts", "acct-loner", TASK)));
        assertRam("rf-", Map.of(LONER, roles("rf-dts")));
        assertThat(inventory(grant)).isEqualTo(Map.of(LONER, List.of("rf-dts")));
    }

    @Test
    void observeModeOnlyPlansTheRemoval() {
        CrossAccountDtsGrant grant = settled(k8s.create(Grants.dts("observe", "ob-dts", "acct-a", TASK)));
        grant = k8s.edit(grant, g -> {
            g.getSpec().managementPolicy = ManagementPolicy.Observe;
            g.getSpec().roleName = "ob-dts-2";
        });
        grant = k8s.awaitGrant(grant, g -> current(g) && GrantReasons.DRIFT_DETECTED.equals(ready(g).getReason()),
                "drift detected");
        assertThat(grant.getStatus().plan).contains("CreateRole ob-dts-2 in " + A,
                "DetachPolicy System/AliyunDTSRolePolicy from ob-dts in " + A + " (no longer declared)",
                "DeleteRole ob-dts in " + A + " (no longer declared)");
        assertRam("ob-", Map.of(A, roles("ob-dts")));
    }

    @Test
    void rolesWithAnotherMarkerOrNoneAreLeftAloneAndTheConflictSaysWhereTheOwnerIs() {
        CrossAccountDtsGrant first = settled(k8s.create(Grants.dts("first", "fm-one", "acct-a", TASK)));
        first = k8s.edit(first, g -> g.getMetadata().setAnnotations(Map.of(ApiGroup.PAUSED_ANNOTATION, "true")));
        k8s.awaitGrant(first, g -> current(g) && GrantReasons.PAUSED.equals(ready(g).getReason()), "paused");
        // Someone hands the role to another resource by hand, then the spec moves on.
        String foreign = Descriptions.of(new OwnerRef("team-z", "CrossAccountDtsGrant", "other"), null);
        console.get(A).updateDescription("fm-one", foreign);
        first = k8s.edit(first, g -> {
            g.getSpec().roleName = "fm-two";
            g.getMetadata().setAnnotations(Map.of());
        });
        first = settled(first);
        assertRam("fm-", Map.of(A, Map.of("role fm-one", List.of(DTS_POLICY), "role fm-two", List.of(DTS_POLICY))));
        assertThat(inventory(first)).isEqualTo(Map.of(A, List.of("fm-two")));

        // A resource that wants the name the other resource's marker holds is told where that owner is.
        CrossAccountDtsGrant second = k8s.create(Grants.dts("second", "fm-one", "acct-a", TASK));
        second = k8s.awaitReason(second, GrantReasons.MANAGEMENT_CONFLICT);
        assertThat(ready(second).getMessage()).contains("managed by team-z/CrossAccountDtsGrant/other")
                .contains("delete that resource");
        CrossAccountDtsGrant third = k8s.create(Grants.dts("third", "fm-two", "acct-a", TASK));
        third = k8s.awaitReason(third, GrantReasons.MANAGEMENT_CONFLICT);
        assertThat(ready(third).getMessage()).contains("team-a/CrossAccountDtsGrant/first")
                .contains("or delete the resource that should not have it");
        k8s.delete(third);
        k8s.awaitGone(third);
        k8s.delete(second);
        k8s.awaitGone(second);
        assertRam("fm-", Map.of(A, Map.of("role fm-one", List.of(DTS_POLICY), "role fm-two", List.of(DTS_POLICY))));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static CrossAccountDtsGrant twoSided(String name, String roleName, String source, String destination) {
        CrossAccountDtsGrant grant = Grants.dts(name, roleName, source, TASK);
        grant.getSpec().destination = Grants.endpoint(destination, DtsEngine.RdsMySQL);
        return grant;
    }

    private static io.ramgrants.api.GrantSpec specOf(CustomResource<?, GrantStatus> grant) {
        return (io.ramgrants.api.GrantSpec) grant.getSpec();
    }

    private static boolean current(CustomResource<?, GrantStatus> grant) {
        return grant.getStatus().observedGeneration != null
                && grant.getStatus().observedGeneration.equals(grant.getMetadata().getGeneration());
    }

    /** Ready (UpToDate after any corrections) for the current generation. */
    private static <R extends CustomResource<?, GrantStatus>> R settled(R grant) {
        return k8s.awaitGrant(grant, g -> current(g) && Conditions.TRUE.equals(ready(g).getStatus())
                && GrantReasons.UP_TO_DATE.equals(ready(g).getReason()), "up to date");
    }

    private static Map<String, List<String>> roles(String... names) {
        Map<String, List<String>> roles = new TreeMap<>();
        for (String name : names) {
            roles.put("role " + name, List.of(DTS_POLICY));
        }
        return roles;
    }

    /** Every named account holds exactly {@code expected} among its entities named with {@code prefix}. */
    private static void assertRam(String prefix, Map<String, Map<String, List<String>>> expected) {
        Supplier<Map<String, SortedMap<String, List<String>>>> actual = () -> {
            Map<String, SortedMap<String, List<String>>> all = new TreeMap<>();
            expected.keySet().forEach(account -> all.put(account, console.get(account).inventory(prefix)));
            return all;
        };
        Map<String, Map<String, List<String>>> wanted = new TreeMap<>();
        expected.forEach((account, entities) -> wanted.put(account, new TreeMap<>(entities)));
        await("RAM holds exactly what is declared").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(actual.get()).isEqualTo(wanted));
    }

    /** status.inventory as account → role names. */
    private static Map<String, List<String>> inventory(CustomResource<?, GrantStatus> grant) {
        Map<String, List<String>> roles = new TreeMap<>();
        for (InventoryEntry entry : k8s.get(grant).getStatus().inventory) {
            roles.put(entry.accountId, entry.roles);
        }
        return roles;
    }
}
