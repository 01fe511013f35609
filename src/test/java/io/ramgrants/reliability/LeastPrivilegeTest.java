package io.ramgrants.reliability;

import static io.ramgrants.reliability.OperatorIdentityRam.A;
import static io.ramgrants.reliability.OperatorIdentityRam.B;
import static io.ramgrants.reliability.OperatorIdentityRam.HOME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.AccountRef;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.CrossAccountDtsGrantSpec;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsAccessRoleSpec;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DmsRegistrationRoleSpec;
import io.ramgrants.api.DtsEndpoint;
import io.ramgrants.api.DtsEngine;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.NetworkType;
import io.ramgrants.desired.AccountFacts;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.GrantRulesCatalog;
import io.ramgrants.desired.InMemoryAccountDirectory;
import io.ramgrants.desired.TrustPolicies;
import io.ramgrants.engine.EngineFailure;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.batch.BatchObservation;
import io.ramgrants.engine.batch.BatchSettings;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "least privilege" policy, read from README.md, is all the engine needs for a
 * grant's whole life — creation of each kind, a policy change with version pruning, drift
 * correction, batch observation and deletion — in its wide and its narrowed form; and it is
 * not more than needed: one action less and the first grant stops at that action.
 */
class LeastPrivilegeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED_JSON = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final EngineOptions MANAGE = EngineOptions.defaults();
    private static final InMemoryAccountDirectory ACCOUNTS = new InMemoryAccountDirectory(List.of(
            new AccountFacts("acct-a", A, null, null, null), new AccountFacts("acct-b", B, null, null, null),
            new AccountFacts("acct-home", HOME, null, null, null)));

    private OperatorIdentityRam ram;

    @AfterEach
    void stop() {
        if (ram != null) {
            ram.close();
        }
    }

    @Test
    void theReadmePolicyCarriesAGrantsWholeLife() {
        ram = new OperatorIdentityRam(account -> readmePolicy(), this::assumePolicy);

        liveAWholeLife();
    }

    @Test
    void theNarrowedReadmePolicyCarriesAGrantsWholeLife() {
        ram = new OperatorIdentityRam(this::narrowedPolicy, this::assumePolicy);

        liveAWholeLife();
    }

    @Test
    void withoutAttachPolicyToRoleAGrantStopsAfterCreatingItsRole() {
        ram = new OperatorIdentityRam(account -> without(narrowedPolicy(account), "ram:AttachPolicyToRole"),
                this::assumePolicy);
        GrantEngine engine = new GrantEngine(ram.operatorGateways());

        EngineResult result = engine.reconcile(desired(dts()), MANAGE);

        assertThat(result.failure()).isPresent();
        EngineFailure failure = result.failure().get();
        assertThat(failure.kind()).isEqualTo(RamErrorKind.ACCESS_DENIED);
        assertThat(failure.error().action()).isEqualTo("AttachPolicyToRole");
        assertThat(result.appliedLines()).containsExactly("CreateRole ram-for-dts-orders in " + A);
        assertThat(ram.root(A).getRole("ram-for-dts-orders")).isPresent();
        assertThat(ram.root(A).listPoliciesForRole("ram-for-dts-orders")).isEmpty();
    }

    /** Each kind created, the custom policy changed past RAM's version limit, drift, batch resyncs, deletion. */
    private void liveAWholeLife() {
        BatchObservation batch = new BatchObservation(new BatchSettings(Duration.ofSeconds(30), Duration.ofDays(365),
                Duration.ofSeconds(2)), ram.clock);
        GrantEngine batchEngine = new GrantEngine(batch.tracking(ram.operatorGateways()), batch);
        GrantEngine perRoleEngine = new GrantEngine(ram.operatorGateways());
        DmsRegistrationRole registration = dmsRegistration(List.of(DatabaseType.Redis));
        List<CustomResource<?, GrantStatus>> grants = List.of(dts(), registration, dmsAccess());

        for (CustomResource<?, GrantStatus> grant : grants) {
            assertConverged(batchEngine.reconcile(desired(grant), MANAGE));
        }
        assertThat(ram.root(A).listPoliciesForRole("ram-for-dts-orders")).hasSize(1);
        assertThat(ram.root(B).listPoliciesForRole("ram-for-dts-orders")).hasSize(1);

        for (List<DatabaseType> types : List.of(List.of(DatabaseType.Redis, DatabaseType.OceanBase),
                List.of(DatabaseType.OceanBase), List.of(DatabaseType.GDB), List.of(DatabaseType.Hologres),
                List.of(DatabaseType.Lindorm), List.of(DatabaseType.Redis, DatabaseType.GDB))) {
            registration.getSpec().databaseTypes = new ArrayList<>(types);
            assertConverged(batchEngine.reconcile(desired(registration), MANAGE));
        }
        String policy = desired(registration).roles().get(0).customPolicies().get(0).policyName();
        assertThat(ram.root(A).listPolicyVersions(PolicyType.Custom, policy)).hasSize(5);
        assertThat(ram.served(A, "DeletePolicyVersion")).as("old versions pruned").isPositive();

        ram.root(B).updateRole("ram-for-dts-orders", TrustPolicies.dtsTask("9999999999999999").toJson(), null, null);
        ram.root(B).attachPolicyToRole(PolicyType.System, "AdministratorAccess", "ram-for-dms-access");
        assertThat(perRoleEngine.reconcile(desired(dts()), MANAGE).appliedLines())
                .containsExactly("UpdateRole ram-for-dts-orders in " + B + " (trust policy)");
        assertThat(perRoleEngine.reconcile(desired(dmsAccess()), MANAGE).appliedLines())
                .containsExactly("DetachPolicy System/AdministratorAccess from ram-for-dms-access in " + B);

        for (int resync = 0; resync < 3; resync++) {
            ram.clock.advance(Duration.ofSeconds(40));
            for (CustomResource<?, GrantStatus> grant : List.of(dts(), registration, dmsAccess())) {
                EngineResult steady = batchEngine.reconcile(desired(grant), MANAGE);
                assertThat(steady.failure()).isEmpty();
                assertThat(steady.driftFound()).isFalse();
            }
        }
        assertThat(ram.served(A, "ListRoles") + ram.served(A, "ListEntitiesForPolicy") + ram.served(A, "ListPolicies"))
                .as("batch observation read the listings").isPositive();
        assertThat(ram.served(A, "ListPolicies")).isPositive();
        assertThat(ram.served(B, "ListEntitiesForPolicy")).isPositive();

        for (CustomResource<?, GrantStatus> grant : List.of(dts(), registration, dmsAccess())) {
            EngineResult deleted = batchEngine.delete(desired(grant), MANAGE);
            assertThat(deleted.failure()).isEmpty();
        }
        for (String account : List.of(A, B)) {
            assertThat(ram.root(account).listRoles(null, 1000).roles()).extracting(r -> r.roleName())
                    .containsExactly(OperatorIdentityRam.OPERATOR_ROLE);
        }
        assertThat(ram.root(A).getPolicy(PolicyType.Custom, policy)).isEmpty();
        assertThat(ram.ramActionsServed()).as("every action of the README policy was used under it")
                .containsAll(readmeActions());
    }

    private static void assertConverged(EngineResult result) {
        assertThat(result.failure()).as("failure").isEmpty();
        assertThat(result.converged()).isTrue();
    }

    // ---- the README's policies ----------------------------------------------------------------

    private static String readmePolicy() {
        return jsonBlock(b -> b.contains("\"ram:GetRole\""));
    }

    /** The README's policy with its Resource replaced by the README's narrowed form for {@code account}. */
    private String narrowedPolicy(String account) {
        try {
            ObjectNode policy = (ObjectNode) JSON.readTree(readmePolicy());
            JsonNode resources = JSON.readTree(jsonBlock(b -> b.strip().startsWith("[")).replace("<account>", account));
            ((ObjectNode) policy.get("Statement").get(0)).set("Resource", resources);
            return JSON.writeValueAsString(policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String assumePolicy(String account) {
        return jsonBlock(b -> b.contains("\"sts:AssumeRole\"")).replace("<account>", account);
    }

    private static String without(String policy, String action) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(policy);
            ArrayNode actions = (ArrayNode) document.get("Statement").get(0).get("Action");
            for (int i = actions.size() - 1; i >= 0; i--) {
                if (actions.get(i).asText().equals(action)) {
                    actions.remove(i);
                }
            }
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> readmeActions() {
        return new TreeSet<>(PolicyDocument.parse(readmePolicy()).statements().get(0).actions());
    }

    private static String jsonBlock(java.util.function.Predicate<String> which) {
        try {
            Matcher fenced = FENCED_JSON.matcher(Files.readString(Path.of("README.md")));
            while (fenced.find()) {
                if (which.test(fenced.group(1))) {
                    return fenced.group(1);
                }
            }
            throw new AssertionError("README.md has no such json block");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- grants, as a user writes them -------------------------------------------------------

    private static DesiredState desired(CustomResource<?, GrantStatus> grant) {
        return GrantRulesCatalog.desiredState(grant, ACCOUNTS);
    }

    /** Task account owns neither instance: a role in each of A and B. */
    private static CrossAccountDtsGrant dts() {
        CrossAccountDtsGrantSpec spec = new CrossAccountDtsGrantSpec();
        spec.taskAccountId = HOME;
        spec.source = endpoint("acct-a");
        spec.destination = endpoint("acct-b");
        spec.roleName = "ram-for-dts-orders";
        CrossAccountDtsGrant grant = new CrossAccountDtsGrant();
        grant.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("orders").build());
        grant.setSpec(spec);
        return grant;
    }

    private static DtsEndpoint endpoint(String accountName) {
        DtsEndpoint endpoint = new DtsEndpoint();
        endpoint.accountRef = new AccountRef(accountName);
        endpoint.engine = DtsEngine.RdsMySQL;
        return endpoint;
    }

    private static DmsRegistrationRole dmsRegistration(List<DatabaseType> types) {
        DmsRegistrationRoleSpec spec = new DmsRegistrationRoleSpec();
        spec.ownerAccountRef = new AccountRef("acct-a");
        spec.dmsAccountId = HOME;
        spec.databaseTypes = new ArrayList<>(types);
        spec.networkTypes = new ArrayList<>(List.of(NetworkType.VPC));
        spec.roleName = "ram-for-dms-registration";
        DmsRegistrationRole grant = new DmsRegistrationRole();
        grant.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("redis").build());
        grant.setSpec(spec);
        return grant;
    }

    private static DmsAccessRole dmsAccess() {
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef("acct-b");
        spec.accessorAccountId = HOME;
        spec.roleName = "ram-for-dms-access";
        DmsAccessRole grant = new DmsAccessRole();
        grant.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("console").build());
        grant.setSpec(spec);
        return grant;
    }
}
