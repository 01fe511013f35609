package io.ramgrants.desired;

import static io.ramgrants.desired.Fixtures.DMS;
import static io.ramgrants.desired.Fixtures.OWNER;
import static io.ramgrants.desired.Fixtures.directory;
import static io.ramgrants.desired.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.NetworkType;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seed 004 part 1: the registration role and its custom policy, compared with the seed's JSON. */
class DmsRegistrationRulesTest {
    private static final Set<DatabaseType> NEED_NO_POLICY = EnumSet.of(DatabaseType.RdsMySQL,
            DatabaseType.RdsPostgreSQL, DatabaseType.RdsSQLServer, DatabaseType.RdsMariaDB, DatabaseType.PolarDBMySQL,
            DatabaseType.PolarDBPostgreSQL, DatabaseType.PolarDBPostgreSQLOracle);

    private final DmsRegistrationRules rules = new DmsRegistrationRules();

    @ParameterizedTest
    @EnumSource(value = DatabaseType.class, names = {"Redis", "PolarDBX1", "PolarDBX2", "OceanBase", "Lindorm",
            "Hologres", "GDB", "SelectDB", "ClickHouseEnterprise"})
    void policyForOneTypeIsTheSeedsPolicy(DatabaseType type) {
        DesiredRole role = onlyRole(registration(List.of(type), List.of(NetworkType.Internet)));

        assertThat(role.customPolicies()).singleElement()
                .satisfies(p -> assertThat(p.document()).isEqualTo(seedPolicy(type.name())));
    }

    @ParameterizedTest
    @EnumSource(value = NetworkType.class, names = {"VPC", "ExpressConnect"})
    void privateNetworkAddsDescribeVpcs(NetworkType network) {
        DesiredRole role = onlyRole(registration(List.of(DatabaseType.Redis), List.of(network)));

        assertThat(role.customPolicies().get(0).document())
                .isEqualTo(union(seedPolicy("Redis"), seedPolicy("vpc")));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseType.class, names = {"RdsMySQL", "RdsPostgreSQL", "RdsSQLServer", "RdsMariaDB",
            "PolarDBMySQL", "PolarDBPostgreSQL", "PolarDBPostgreSQLOracle"})
    void typesWithoutPolicyNeedNoneWhateverTheNetworkTypes(DatabaseType type) {
        DesiredState state = rules.desiredState(registration(List.of(type, DatabaseType.PolarDBPostgreSQL),
                List.of(NetworkType.VPC, NetworkType.ExpressConnect, NetworkType.Internet)), directory());

        assertThat(state.roles().get(0).customPolicies()).isEmpty();
        assertThat(state.notes()).anySatisfy(n -> assertThat(n).contains("No custom policy")
                .contains("Alibaba Cloud アカウント間での DMS での連携").doesNotContain("seed"));
    }

    @Test
    void describeVpcsJoinsThePolicyOfATypeThatNeedsOne() {
        DesiredRole role = onlyRole(registration(List.of(DatabaseType.RdsMySQL, DatabaseType.OceanBase),
                List.of(NetworkType.VPC)));

        assertThat(role.customPolicies()).singleElement().satisfies(p -> assertThat(p.document())
                .isEqualTo(union(seedPolicy("OceanBase"), seedPolicy("vpc"))));
    }

    @Test
    void everyTypeAndNetworkIsTheUnionOfAllSeedPolicies() {
        DesiredRole role = onlyRole(registration(List.of(DatabaseType.values()), List.of(NetworkType.values())));

        PolicyDocument expected = seedPolicy("vpc");
        for (DatabaseType type : DatabaseType.values()) {
            if (!NEED_NO_POLICY.contains(type)) {
                expected = union(expected, seedPolicy(type.name()));
            }
        }
        assertThat(role.customPolicies().get(0).document()).isEqualTo(expected);
        assertThat(role.customPolicies().get(0).document().length()).isLessThan(6144);
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseType.class, names = {"RdsMySQL", "RdsPostgreSQL", "RdsSQLServer", "RdsMariaDB",
            "PolarDBMySQL", "PolarDBPostgreSQL", "PolarDBPostgreSQLOracle"})
    void rdsAndPolarDbOverTheInternetNeedNoPolicy(DatabaseType type) {
        DesiredState state = rules.desiredState(
                registration(List.of(type, DatabaseType.PolarDBMySQL), List.of(NetworkType.Internet)), directory());

        assertThat(state.roles().get(0).customPolicies()).isEmpty();
        assertThat(state.notes()).anySatisfy(n -> assertThat(n).contains("No custom policy"));
    }

    @Test
    void roleLivesInTheOwnerAccountAndTrustsTheDmsServiceOfAccountA() {
        PolicyDocument seedTrust = PolicyDocument.parse(Fixtures.seed("004-dms-registration-trust-policy.json")
                .replace("<UID of Alibaba Cloud account A>", DMS));

        DesiredRole role = onlyRole(registration(List.of(DatabaseType.Redis), List.of()));

        assertThat(role.accountId()).isEqualTo(OWNER);
        assertThat(role.roleName()).isEqualTo("dms-cross-account");
        assertThat(role.trustPolicy()).isEqualTo(seedTrust);
        assertThat(role.systemPolicies()).isEmpty();
    }

    @Test
    void policyCarriesTheOwnerMarkerAndTheNoteGivesTheArnToPaste() {
        DmsRegistrationRole resource = registration(List.of(DatabaseType.GDB), List.of());
        resource.getSpec().description = "BI databases";

        DesiredState state = rules.desiredState(resource, directory());

        DesiredCustomPolicy policy = state.roles().get(0).customPolicies().get(0);
        assertThat(policy.description())
                .isEqualTo("managed-by ramgrants.io team-a/DmsRegistrationRole/analytics - BI databases");
        assertThat(state.notes()).anySatisfy(n -> assertThat(n)
                .contains("acs:ram::" + OWNER + ":role/dms-cross-account").contains(DMS));
    }

    @Test
    void explicitPolicyNameIsUsed() {
        DmsRegistrationRole resource = registration(List.of(DatabaseType.Redis), List.of());
        resource.getSpec().policyName = "DmsCrossAccountPolicy";

        assertThat(onlyRole(resource).customPolicies().get(0).policyName()).isEqualTo("DmsCrossAccountPolicy");
    }

    @Test
    void derivedPolicyNamesAreValidAndNeverShared() {
        List<String> names = new ArrayList<>();
        for (String[] nsAndName : new String[][] {{"a-b", "c"}, {"a", "b-c"}, {"a.b", "c"}, {"team-a", "analytics"},
                {"x".repeat(63), "y".repeat(253)}, {"x".repeat(63), "y".repeat(252) + "z"}}) {
            DmsRegistrationRole resource = registration(List.of(DatabaseType.Redis), List.of());
            resource.setMetadata(new ObjectMetaBuilder().withNamespace(nsAndName[0]).withName(nsAndName[1]).build());
            names.add(onlyRole(resource).customPolicies().get(0).policyName());
        }

        assertThat(names).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("^[A-Za-z0-9-]{1,128}$").startsWith("ramgrants-"));
        assertThat(names.get(3)).startsWith("ramgrants-team-a-analytics-");
    }

    private DesiredRole onlyRole(DmsRegistrationRole resource) {
        DesiredState state = rules.desiredState(resource, directory());
        assertThat(state.roles()).hasSize(1);
        return state.roles().get(0);
    }

    private static PolicyDocument seedPolicy(String name) {
        return PolicyDocument.parse(Fixtures.seed("004-dms-policy-" + name + ".json"));
    }

    private static PolicyDocument union(PolicyDocument a, PolicyDocument b) {
        List<String> actions = new ArrayList<>(a.statements().get(0).actions());
        actions.addAll(b.statements().get(0).actions());
        return PolicyDocument.of(Statement.allow(actions, List.of("*")));
    }
}
