package io.ramgrants.api;

import static io.ramgrants.desired.Fixtures.DESTINATION;
import static io.ramgrants.desired.Fixtures.DMS;
import static io.ramgrants.desired.Fixtures.OWNER;
import static io.ramgrants.desired.Fixtures.SOURCE;
import static io.ramgrants.desired.Fixtures.TASK;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.desired.Fixtures;
import io.ramgrants.desired.GrantRulesCatalog;
import io.ramgrants.desired.InMemoryAccountDirectory;
import io.ramgrants.desired.validation.AccountValidator;
import io.ramgrants.desired.validation.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile cases of {@code HostileInputTest} and the cross-field cases of the validators'
 * tests, put to the API server (schema and CEL rules of the committed CRDs) and to the Java
 * validators. Where the CRD can judge a case, the API server refuses it on exactly the fields
 * the Java validator names. Where it cannot (the rule needs another object: an account's
 * infrastructure, allowedNamespaces, trustableAccounts or UID; the object's own name; a URL parser),
 * the API server admits it by design and only the operator and {@code plan} refuse it; those rows
 * say why. For accounts, the operator's {@code validateSpec} and {@code plan}'s {@code validate}
 * name the same fields, except for a via account that does not exist (yet).
 */
class HostileSpecsTest {
    /**
     * Needs the other accounts. The CRD cannot see them; for an AlibabaCloudAccount's via the operator
     * waits instead of refusing (GitOps may create the via account later), and only {@code plan} refuses.
     */
    private static final String OTHER_ACCOUNTS = "which AlibabaCloudAccounts exist";
    private static final String INJECTION = "\"}],\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"";

    /** The fixture accounts, plus a Finance one and one open only to namespace team-rel. */
    private static InMemoryAccountDirectory directory() {
        List<AlibabaCloudAccount> accounts = new ArrayList<>(List.of(Fixtures.account("task", TASK),
                Fixtures.account("source", SOURCE), Fixtures.account("destination", DESTINATION),
                Fixtures.account("dms", DMS), Fixtures.account("owner", OWNER),
                Fixtures.account("finance", "6666666666666666", Infrastructure.Finance)));
        AlibabaCloudAccount closed = Fixtures.account("closed", "7777777777777777");
        closed.getSpec().allowedNamespaces = List.of("team-rel");
        AlibabaCloudAccount picky = Fixtures.account("picky", "8888888888888888");
        picky.getSpec().trustableAccounts = List.of(TASK);
        accounts.add(closed);
        accounts.add(picky);
        return InMemoryAccountDirectory.of(accounts);
    }

    static Stream<Arguments> hostileGrants() {
        return Stream.of(
                rejected("task account ID too short", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().taskAccountId = "12345";
                    return g;
                }),
                rejected("accessor account ID with letters", () -> Fixtures.access("10000000000000AB")),
                rejected("role name of 65 characters", () -> {
                    DmsAccessRole g = Fixtures.access(DMS);
                    g.getSpec().roleName = "r".repeat(65);
                    return g;
                }),
                rejected("role name with underscore and space", () -> {
                    DmsAccessRole g = Fixtures.access(DMS);
                    g.getSpec().roleName = "ram_for dts";
                    return g;
                }),
                rejected("role name carrying JSON", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().roleName = "x" + INJECTION;
                    return g;
                }),
                rejected("destination engine not RDS MySQL", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().destination.engine = DtsEngine.PolarDBMySQL;
                    return g;
                }),
                rejected("twoWay from Redis", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().source.engine = DtsEngine.Redis;
                    g.getSpec().twoWay = true;
                    return g;
                }),
                rejected("twoWay to PolarDB: the destination rule and the twoWay rule both fail", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().destination.engine = DtsEngine.PolarDBMySQL;
                    g.getSpec().twoWay = true;
                    return g;
                }),
                rejected("source names both accountRef and accountId", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().source.accountRef = new AccountRef("source");
                    return g;
                }),
                rejected("destination names neither accountRef nor accountId", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().destination.accountId = null;
                    return g;
                }),
                rejected("source without engine", () -> {
                    CrossAccountDtsGrant g = Fixtures.dts(TASK, SOURCE, DESTINATION);
                    g.getSpec().source.engine = null;
                    return g;
                }),
                rejected("no database type", () -> Fixtures.registration(List.of(), List.of())),
                rejected("policy name with an underscore", () -> {
                    DmsRegistrationRole g = Fixtures.registration(List.of(DatabaseType.Redis), List.of());
                    g.getSpec().policyName = "dms_policy";
                    return g;
                }),
                rejected("description over 512 characters", () -> {
                    DmsAccessRole g = Fixtures.access(DMS);
                    g.getSpec().description = "d".repeat(FieldPatterns.MAX_USER_DESCRIPTION + 1);
                    return g;
                }),
                admitted("Finance source, Public task account", "spec", "the accounts' infrastructure", () ->
                        Fixtures.dts(TASK, Fixtures.byRef("finance", DtsEngine.RdsMySQL),
                                Fixtures.byId(DESTINATION, DtsEngine.RdsMySQL))),
                admitted("DMS account is the owner itself", "spec.dmsAccountId", "the owner account's UID",
                        () -> {
                            DmsRegistrationRole g = Fixtures.registration(List.of(DatabaseType.Redis), List.of());
                            g.getSpec().dmsAccountId = OWNER;
                            return g;
                        }),
                admitted("namespace not allowed by the account", "spec.ownerAccountRef",
                        "the account's allowedNamespaces", () -> {
                            DmsAccessRole g = Fixtures.access(DMS);
                            g.getSpec().ownerAccountRef = new AccountRef("closed");
                            return g;
                        }),
                admitted("trust outside trustableAccounts", "spec.accessorAccountId",
                        "the account's trustableAccounts", () -> {
                            DmsAccessRole g = Fixtures.access(DMS);
                            g.getSpec().ownerAccountRef = new AccountRef("picky");
                            return g;
                        }),
                admitted("trust to an account unknown to the cluster", "spec.dmsAccountId",
                        OTHER_ACCOUNTS, () -> {
                            DmsRegistrationRole g = Fixtures.registration(List.of(DatabaseType.Redis), List.of());
                            g.getSpec().dmsAccountId = "9999999999999999";
                            return g;
                        }),
                admitted("accountRef to a missing AlibabaCloudAccount", "spec.source.accountRef",
                        OTHER_ACCOUNTS, () ->
                                Fixtures.dts(TASK, Fixtures.byRef("ghost", DtsEngine.RdsMySQL),
                                        Fixtures.byId(DESTINATION, DtsEngine.RdsMySQL))));
    }

    static Stream<Arguments> hostileAccounts() {
        return Stream.of(
                rejected("two credential sources", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().credentials.oidc = oidc();
                    return a;
                }),
                rejected("no credential source: default false", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().credentials.defaultChain = false;
                    return a;
                }),
                rejected("no credential source: empty credentials", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().credentials.defaultChain = null;
                    return a;
                }),
                rejected("oidc role ARN of another partition", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().credentials.defaultChain = null;
                    a.getSpec().credentials.oidc = oidc();
                    a.getSpec().credentials.oidc.roleArn = "arn:aws:iam::" + OWNER + ":role/x";
                    return a;
                }),
                rejected("trustable account malformed", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().trustableAccounts = List.of(TASK, "x");
                    return a;
                }),
                rejected("account ID of 15 digits", () -> Fixtures.account("this", OWNER.substring(1))),
                rejected("assumed role ARN in upper case", () -> {
                    AlibabaCloudAccount a = assumingRole("task");
                    a.getSpec().credentials.assumeRole.roleArn = "ACS:RAM::" + OWNER + ":ROLE/operator";
                    return a;
                }),
                rejected("via naming no possible object", () -> assumingRole("Task_Account")),
                rejected("blank external ID", () -> {
                    AlibabaCloudAccount a = assumingRole("task");
                    a.getSpec().credentials.assumeRole.externalId = " ";
                    return a;
                }),
                rejected("blank token file", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().credentials.defaultChain = null;
                    a.getSpec().credentials.oidc = oidc();
                    a.getSpec().credentials.oidc.tokenFile = "\t";
                    return a;
                }),
                rejected("secret namespace blank, endpoint of another scheme", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().credentials.defaultChain = null;
                    a.getSpec().credentials.secretRef = new SecretRef();
                    a.getSpec().credentials.secretRef.name = "keys";
                    a.getSpec().credentials.secretRef.namespace = "";
                    a.getSpec().endpoint = new EndpointOverrides();
                    a.getSpec().endpoint.sts = "ftp://sts.example.com/";
                    return a;
                }),
                rejected("actiontrail endpoint of another scheme", () -> {
                    AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                    a.getSpec().endpoint = new EndpointOverrides();
                    a.getSpec().endpoint.actiontrail = "gopher://actiontrail.cn-hangzhou.aliyuncs.com/";
                    return a;
                }),
                admitted("endpoint with a character no URL may hold", "spec.endpoint.ram",
                        "what a URL parser says (the pattern admits any text after http://)", () -> {
                            AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                            a.getSpec().endpoint = new EndpointOverrides();
                            a.getSpec().endpoint.ram = "http://emulator|18080/";
                            return a;
                        }),
                admitted("assume role via an unknown account", "spec.credentials.assumeRole.via",
                        OTHER_ACCOUNTS, () -> {
                            AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                            a.getSpec().credentials.defaultChain = null;
                            a.getSpec().credentials.assumeRole = new io.ramgrants.api.AssumeRoleCredentials();
                            a.getSpec().credentials.assumeRole.roleArn = "acs:ram::" + OWNER + ":role/operator";
                            a.getSpec().credentials.assumeRole.via = new AccountRef("ghost");
                            return a;
                        }),
                admitted("assume role via itself", "spec.credentials.assumeRole.via",
                        "the object's own metadata.name (a rule on spec cannot see metadata)", () -> {
                            AlibabaCloudAccount a = Fixtures.account("this", OWNER);
                            a.getSpec().credentials.defaultChain = null;
                            a.getSpec().credentials.assumeRole = new io.ramgrants.api.AssumeRoleCredentials();
                            a.getSpec().credentials.assumeRole.roleArn = "acs:ram::" + OWNER + ":role/operator";
                            a.getSpec().credentials.assumeRole.via = new AccountRef("this");
                            return a;
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileGrants")
    void grantsAreRefusedOnTheFieldsTheJavaValidatorNames(String name, Supplier<HasMetadata> make, String javaPath,
                                                          String crdCannotSee) {
        HasMetadata grant = make.get();
        verdicts(grant, paths(GrantRulesCatalog.validate(grant, directory())), javaPath, crdCannotSee);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileAccounts")
    void accountsAreRefusedOnTheFieldsTheJavaValidatorNames(String name, Supplier<HasMetadata> make, String javaPath,
                                                            String crdCannotSee) {
        AlibabaCloudAccount account = (AlibabaCloudAccount) make.get();
        Set<String> plan = paths(new AccountValidator().validate(account, directory()));
        Set<String> operator = paths(new AccountValidator().validateSpec(account.getMetadata().getName(),
                account.getSpec()));

        verdicts(account, plan, javaPath, crdCannotSee);
        if (OTHER_ACCOUNTS.equals(crdCannotSee)) {
            assertThat(operator).as("the operator waits for the via account (ViaAccountNotReady)").isEmpty();
        } else {
            assertThat(operator).as("the operator refuses what plan refuses").isEqualTo(plan);
        }
    }

    private static void verdicts(HasMetadata resource, Set<String> java, String javaPath, String crdCannotSee) {
        Set<String> api = ApiServerValidation.of(resource.getKind()).validate(ApiServerValidation.json(resource))
                .stream().map(ApiServerValidation.FieldError::path).collect(Collectors.toCollection(TreeSet::new));

        assertThat(java).as("the Java validator refuses it").isNotEmpty();
        if (crdCannotSee == null) {
            assertThat(api).as("fields the API server refuses").isEqualTo(java);
        } else {
            assertThat(java).containsExactly(javaPath);
            assertThat(api).as("the API server cannot know " + crdCannotSee).isEmpty();
        }
    }

    private static Set<String> paths(List<ValidationError> errors) {
        return errors.stream().map(ValidationError::fieldPath).collect(Collectors.toCollection(TreeSet::new));
    }

    private static AlibabaCloudAccount assumingRole(String via) {
        AlibabaCloudAccount a = Fixtures.account("this", OWNER);
        a.getSpec().credentials.defaultChain = null;
        a.getSpec().credentials.assumeRole = new io.ramgrants.api.AssumeRoleCredentials();
        a.getSpec().credentials.assumeRole.roleArn = "acs:ram::" + OWNER + ":role/operator";
        a.getSpec().credentials.assumeRole.via = new AccountRef(via);
        return a;
    }

    private static OidcCredentials oidc() {
        OidcCredentials oidc = new OidcCredentials();
        oidc.roleArn = "acs:ram::" + OWNER + ":role/rrsa";
        oidc.oidcProviderArn = "acs:ram::" + OWNER + ":oidc-provider/ack";
        return oidc;
    }

    private static Arguments rejected(String name, Supplier<HasMetadata> make) {
        return Arguments.of(name, make, null, null);
    }

    private static Arguments admitted(String name, String javaPath, String crdCannotSee, Supplier<HasMetadata> make) {
        return Arguments.of(name, make, javaPath, crdCannotSee);
    }
}
