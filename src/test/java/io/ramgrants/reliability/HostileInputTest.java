package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.ApiGroup;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DmsRegistrationRoleSpec;
import io.ramgrants.api.DtsEngine;
import io.ramgrants.api.FieldPatterns;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.Infrastructure;
import io.ramgrants.api.NetworkType;
import io.ramgrants.cli.Main;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.grant.GrantReasons;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.DmsRegistrationRules;
import io.ramgrants.desired.GrantRulesCatalog;
import io.ramgrants.desired.InMemoryAccountDirectory;
import io.ramgrants.desired.validation.ValidationError;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.policy.PolicyDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #6, hostile and broken input. Every case reaches the real operator (mock API server,
 * emulator) and {@code plan} (in-process, on a temporary manifest): the operator's condition
 * names the field, RAM sees not a single call, and {@code plan} exits 1 with the same messages.
 */
class HostileInputTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-hostile";
    static final String INJECTION = "\"}],\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"";
    /** acct-1 admits only team-rel; acct-2 trusts only account 1; acct-3 is Finance; acct-4 and 5 are plain. */
    static List<AlibabaCloudAccount> accounts;
    /** Each broken account declares its own account ID, so no other AlibabaCloudAccount stands in for it. */
    static final java.util.concurrent.atomic.AtomicInteger BROKEN_ACCOUNTS = new java.util.concurrent.atomic.AtomicInteger();
    static RamEmulator emulator;
    static MockCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK).threads(4).build(), 0);
        cluster = new MockCluster();
        cluster.startOperator(MockCluster.settings(OperatorMetrics.discarding(), Duration.ofSeconds(30)));
        accounts = Fleet.accounts(emulator.endpoint());
        accounts.get(0).getSpec().allowedNamespaces = new ArrayList<>(List.of(Fleet.NAMESPACE));
        accounts.get(1).getSpec().trustableAccounts = new ArrayList<>(List.of(Fleet.accountId(0)));
        accounts.get(2).getSpec().infrastructure = Infrastructure.Finance;
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            cluster.fleetAccount(accounts.get(i), i, MARK);
        }
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            cluster.awaitAccountReady(Fleet.accountName(i));
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
        emulator.close();
    }

    static Stream<Arguments> hostileGrants() {
        return Stream.of(
                row("task account ID too short", GrantReasons.INVALID_SPEC, "spec.taskAccountId", () -> {
                    CrossAccountDtsGrant g = Fleet.dts("h-short-id", "h-dts", 3, 4);
                    g.getSpec().taskAccountId = "12345";
                    return g;
                }),
                row("accessor account ID with letters", GrantReasons.INVALID_SPEC, "spec.accessorAccountId", () -> {
                    DmsAccessRole g = Fleet.dmsAccess("h-letters-id", "h-acc", 3, 4);
                    g.getSpec().accessorAccountId = "10000000000000AB";
                    return g;
                }),
                row("role name of 65 characters", GrantReasons.INVALID_SPEC, "spec.roleName",
                        () -> Fleet.dmsAccess("h-long-name", "r".repeat(65), 3, 4)),
                row("role name with underscore and space", GrantReasons.INVALID_SPEC, "spec.roleName",
                        () -> Fleet.dmsAccess("h-bad-chars", "ram_for dts", 3, 4)),
                row("role name carrying JSON", GrantReasons.INVALID_SPEC, "spec.roleName",
                        () -> Fleet.dts("h-json-name", "x" + INJECTION, 3, 4)),
                row("destination engine not RDS MySQL", GrantReasons.INVALID_SPEC, "spec.destination.engine", () -> {
                    CrossAccountDtsGrant g = Fleet.dts("h-dest-engine", "h-dts", 3, 4);
                    g.getSpec().destination.engine = DtsEngine.PolarDBMySQL;
                    return g;
                }),
                row("twoWay from Redis", GrantReasons.INVALID_SPEC, "spec.twoWay", () -> {
                    CrossAccountDtsGrant g = Fleet.dts("h-two-way", "h-dts", 3, 4);
                    g.getSpec().source.engine = DtsEngine.Redis;
                    g.getSpec().twoWay = true;
                    return g;
                }),
                row("Finance source, Public task account", GrantReasons.INVALID_SPEC, "spec",
                        () -> Fleet.dts("h-infra", "h-dts", 2, 3)),
                row("no database type", GrantReasons.INVALID_SPEC, "spec.databaseTypes",
                        () -> Fleet.dmsRegistration("h-no-types", "h-reg", 3, 4, List.of())),
                row("DMS account is the owner itself", GrantReasons.INVALID_SPEC, "spec.dmsAccountId",
                        () -> Fleet.dmsRegistration("h-self", "h-reg", 3, 3, List.of(DatabaseType.Redis))),
                row("description over 512 characters", GrantReasons.INVALID_SPEC, "spec.description", () -> {
                    DmsAccessRole g = Fleet.dmsAccess("h-long-desc", "h-acc", 3, 4);
                    g.getSpec().description = "d".repeat(FieldPatterns.MAX_USER_DESCRIPTION + 1);
                    return g;
                }),
                row("namespace not allowed by the account", GrantReasons.ACCOUNT_NOT_ALLOWED, "spec.ownerAccountRef",
                        () -> {
                            DmsAccessRole g = Fleet.dmsAccess("h-intruder", "h-acc", 0, 4);
                            g.getMetadata().setNamespace("intruders");
                            return g;
                        }),
                row("trust outside trustableAccounts", GrantReasons.TRUST_NOT_ALLOWED, "spec.accessorAccountId",
                        () -> Fleet.dmsAccess("h-untrusted", "h-acc", 1, 3)),
                row("trust to an account unknown to the cluster", GrantReasons.TRUST_NOT_ALLOWED, "spec.dmsAccountId",
                        () -> {
                            DmsRegistrationRole g = Fleet.dmsRegistration("h-unknown-trust", "h-reg", 3, 4,
                                    List.of(DatabaseType.Redis));
                            g.getSpec().dmsAccountId = "9999999999999999";
                            return g;
                        }));
    }

    static Arguments row(String name, String reason, String field, Supplier<CustomResource<?, GrantStatus>> grant) {
        return Arguments.of(name, reason, field, grant);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileGrants")
    void isRejectedWithTheFieldNamedAndNoRamCall(String name, String reason, String field,
                                                  Supplier<CustomResource<?, GrantStatus>> make) throws IOException {
        CustomResource<?, GrantStatus> grant = make.get();
        List<String> expected = GrantRulesCatalog.validate(grant, InMemoryAccountDirectory.of(accounts)).stream()
                .map(ValidationError::toString).toList();
        assertThat(expected).as("the seed rules reject it").isNotEmpty();
        assertThat(expected.get(0)).startsWith(field + ": ");
        long ramCallsBefore = ramCalls();

        cluster.create(grant);
        Condition ready = cluster.awaitReason(grant, reason);

        assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(ready.getMessage()).contains(expected);
        assertThat(cluster.get(grant).getStatus().roles).isEmpty();
        assertThat(ramCalls()).as("RAM calls for %s", name).isEqualTo(ramCallsBefore);

        Plan plan = plan(grant);
        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.out()).contains(expected);
    }

    @Test
    void twoResourcesClaimingOneRoleStopBothWithoutARamCall() throws IOException {
        DmsAccessRole first = Fleet.dmsAccess("h-claim-a", "h-shared", 3, 4);
        // Paused writes nothing, yet still claims the role. The second arrives once the first holds
        // its claim: two grants created in the same instant race for the claim, and the winner may write.
        first.getMetadata().setAnnotations(Map.of(ApiGroup.PAUSED_ANNOTATION, "true"));
        DmsAccessRole second = Fleet.dmsAccess("h-claim-b", "H-SHARED", 3, 0);
        long writesBefore = Figures.writes(emulator.callCounts());
        cluster.create(first);
        cluster.awaitReason(first, GrantReasons.PAUSED);
        cluster.create(second);

        for (DmsAccessRole grant : List.of(first, second)) {
            Condition ready = cluster.awaitReason(grant, GrantReasons.MANAGEMENT_CONFLICT);
            assertThat(ready.getMessage()).contains("role h-shared in " + Fleet.accountId(3) + " is wanted by")
                    .contains("h-claim-a").contains("h-claim-b");
        }
        assertThat(Figures.writes(emulator.callCounts())).as("RAM writes").isEqualTo(writesBefore);
        Plan plan = plan(first, second);
        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.out()).containsIgnoringCase("h-shared").contains("h-claim-a").contains("h-claim-b");
    }

    @Test
    void unknownEnginesAndDatabaseTypesAreRejectedByTheSchemaAndByPlan() throws IOException {
        Path file = Files.writeString(dir.resolve("unknown.yaml"), manifestOf(accounts) + """
                ---
                apiVersion: ramgrants.io/v1alpha1
                kind: CrossAccountDtsGrant
                metadata: {name: h-oracle, namespace: team-rel}
                spec:
                  taskAccountId: "1000000000000005"
                  source: {accountRef: {name: acct-4}, engine: Oracle}
                  destination: {accountId: "1000000000000005", engine: RdsMySQL}
                ---
                apiVersion: ramgrants.io/v1alpha1
                kind: DmsRegistrationRole
                metadata: {name: h-cassandra, namespace: team-rel}
                spec:
                  ownerAccountRef: {name: acct-4}
                  dmsAccountId: "1000000000000005"
                  databaseTypes: [Cassandra]
                """);

        Plan plan = runPlan(file);

        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.out()).contains("spec.source.engine: 'Oracle' is not one of " + Arrays.toString(DtsEngine.values()))
                .contains("spec.databaseTypes[0]: 'Cassandra' is not one of");
        // In a cluster the API server refuses such objects: the CRDs list the enum values.
        assertThat(Files.readString(Path.of("crds/crossaccountdtsgrants.ramgrants.io-v1.yml")))
                .containsPattern("engine:\n(?: {20}description: .*\n(?: {22}.*\n)*)? {20}enum:");
        assertThat(Files.readString(Path.of("crds/dmsregistrationroles.ramgrants.io-v1.yml")))
                .contains("- \"ClickHouseEnterprise\"");
    }

    @Test
    void aDtsTaskAccountOwningBothInstancesIsANoteNotAnError() {
        CrossAccountDtsGrant grant = Fleet.dts("h-same-account", "h-dts", 4, 4);
        grant.getSpec().source.accountRef = null;
        grant.getSpec().source.accountId = Fleet.accountId(4);
        long ramCallsBefore = ramCalls();

        cluster.create(grant);
        Condition ready = cluster.awaitTrue(grant);

        assertThat(ready.getReason()).isEqualTo(GrantReasons.UP_TO_DATE);
        assertThat(cluster.get(grant).getStatus().notes).anyMatch(n -> n.contains("task account"));
        assertThat(ramCalls()).isEqualTo(ramCallsBefore);
    }

    @Test
    void jsonInADescriptionStaysInTheDescriptionAndNeverReachesTheTrustDocument() {
        DmsAccessRole grant = Fleet.dmsAccess("h-json-desc", "h-json-desc", 4, 3);
        grant.getSpec().description = INJECTION;
        DesiredState desired = GrantRulesCatalog.desiredState(grant, InMemoryAccountDirectory.of(accounts));

        cluster.create(grant);
        cluster.awaitTrue(grant);

        RamInventory.Role role = RamInventory.read(RamInventory.client(emulator, Fleet.accessKeyId(4),
                Fleet.accessKeySecret(MARK, 4)), "h-json-desc"::equalsIgnoreCase).roles().get("h-json-desc");
        assertThat(role.trust()).isEqualTo(desired.roles().get(0).trustPolicy());
        assertThat(role.trust().statements()).singleElement()
                .satisfies(s -> assertThat(s.toString()).doesNotContain("\"*\"").doesNotContain("Action=[*]"));
        assertThat(role.description()).endsWith(INJECTION).startsWith("managed-by ramgrants.io team-rel/DmsAccessRole/");
        assertThat(role.attached()).containsExactly("System/AliyunDMSLoginConsoleAccess");
    }

    /**
     * RAM's 6144-character document limit and 10 custom policies per role cannot be reached
     * through the API: a registration role gets one custom policy, and listing every database
     * and network type stays far below the limit. The validator still guards the limit.
     */
    @Test
    void theLargestPossibleCustomPolicyStaysWithinRamLimits() {
        DmsRegistrationRoleSpec everything = new DmsRegistrationRoleSpec();
        everything.databaseTypes = List.of(DatabaseType.values());
        everything.networkTypes = List.of(NetworkType.values());

        PolicyDocument largest = DmsRegistrationRules.permissionPolicy(everything).orElseThrow();
        DmsRegistrationRole all = Fleet.dmsRegistration("h-all", "h-all", 3, 4, List.of(DatabaseType.values()));
        all.getSpec().networkTypes = List.of(NetworkType.values());
        DesiredState desired = GrantRulesCatalog.desiredState(all, InMemoryAccountDirectory.of(accounts));

        assertThat(largest.length()).isLessThan(FieldPatterns.MAX_POLICY_DOCUMENT_LENGTH / 2);
        assertThat(desired.roles()).singleElement().satisfies(r -> assertThat(r.customPolicies()).hasSize(1));
        Figures.print("policy-limits", "largestCustomPolicyChars=" + largest.length(),
                "limit=" + FieldPatterns.MAX_POLICY_DOCUMENT_LENGTH, "customPoliciesPerRole=1");
    }

    // ---- credentials ------------------------------------------------------------------------------

    static Stream<Arguments> brokenCredentials() {
        return Stream.of(
                Arguments.of("missing Secret", "SecretNotFound", "spec.credentials.secretRef", Map.<String, String>of(),
                        "absent"),
                Arguments.of("Secret without accessKeySecret", "SecretMalformed", "accessKeySecret",
                        Map.of("accessKeyId", "LTAI-broken"), Fleet.SECRETS_NAMESPACE),
                Arguments.of("Secret in another namespace than referenced", "SecretNotFound",
                        "spec.credentials.secretRef", Map.of("accessKeyId", "LTAI-broken", "accessKeySecret",
                                MARK + "-elsewhere"), "default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCredentials")
    void brokenCredentialSecretsStopTheAccountAndItsGrantsWithoutARamCall(String name, String reason, String field,
            Map<String, String> data, String secretNamespace) {
        String account = "broken-" + reason.toLowerCase() + "-" + secretNamespace;
        if (!data.isEmpty()) {
            cluster.secret(secretNamespace, account + "-keys", data);
        }
        AlibabaCloudAccount broken = Fleet.account(0, emulator.endpoint());
        broken.getMetadata().setName(account);
        broken.getSpec().accountId = "100000000000009" + BROKEN_ACCOUNTS.incrementAndGet();
        broken.getSpec().credentials.secretRef.name = account + "-keys";
        cluster.client.resource(broken).create();
        long ramCallsBefore = ramCalls();

        cluster.awaitAccount(account, c -> reason.equals(c.getReason()));
        DmsAccessRole grant = Fleet.dmsAccess("h-" + account, "h-broken", 3, 4);
        grant.getSpec().ownerAccountRef.name = account;
        cluster.create(grant);
        Condition ready = cluster.awaitReason(grant, GrantReasons.ACCOUNT_NOT_READY);

        assertThat(cluster.accountReady(account).orElseThrow().getMessage()).contains(field).doesNotContain(MARK);
        assertThat(ready.getMessage()).contains(account).contains(reason);
        assertThat(ramCalls()).isEqualTo(ramCallsBefore);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** RAM calls of every account; STS (the accounts' identity checks) does not count. */
    static long ramCalls() {
        return emulator.callCounts().values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> !e.getKey().equals("GetCallerIdentity") && !e.getKey().startsWith("AssumeRole"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    record Plan(int exit, String out) {}

    Plan plan(HasMetadata... grants) throws IOException {
        String yaml = manifestOf(accounts) + Arrays.stream(grants).map(HostileInputTest::yamlOf)
                .collect(Collectors.joining());
        return runPlan(Files.writeString(dir.resolve("grants.yaml"), yaml));
    }

    static Plan runPlan(Path file) {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute("plan", "-f", file.toString());
        return new Plan(exit, out.toString());
    }

    static String manifestOf(List<AlibabaCloudAccount> accounts) {
        return accounts.stream().map(HostileInputTest::yamlOf).collect(Collectors.joining());
    }

    /** One YAML document; only what a user would write (no status, no server fields). */
    static String yamlOf(HasMetadata resource) {
        HasMetadata copy = Serialization.clone(resource);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setCreationTimestamp(null);
        copy.getMetadata().setGeneration(null);
        copy.getMetadata().setManagedFields(null);
        copy.getMetadata().setFinalizers(null);
        if (copy instanceof CustomResource<?, ?> cr) {
            cr.setStatus(null);
        }
        String yaml = Serialization.asYaml(copy);
        return yaml.startsWith("---") ? yaml : "---\n" + yaml;
    }
}
