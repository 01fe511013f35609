package io.ramgrants.reliability;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AccountRef;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.CrossAccountDtsGrantSpec;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsAccessRoleSpec;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DmsRegistrationRoleSpec;
import io.ramgrants.api.DtsEndpoint;
import io.ramgrants.api.DtsEngine;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.api.NetworkType;
import io.ramgrants.api.SecretRef;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.GrantRulesCatalog;
import io.ramgrants.desired.InMemoryAccountDirectory;
import io.ramgrants.emulator.EmulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Five Alibaba Cloud accounts and grants of all three kinds spread over them, as a user
 * would declare them. Desired states come from the real seed rules, so the chaos and
 * restart tests exercise exactly what the operator would compute.
 */
final class Fleet {
    static final String NAMESPACE = "team-rel";
    static final String SECRETS_NAMESPACE = "ram-grants";
    static final int ACCOUNTS = 5;

    private Fleet() {}

    /** Account i (0-based): 16-digit UID. */
    static String accountId(int i) {
        return "100000000000000" + (i + 1);
    }

    static String accountName(int i) {
        return "acct-" + (i + 1);
    }

    static String accessKeyId(int i) {
        return "LTAI-rel-" + (i + 1);
    }

    static String userAccessKeyId(int i) {
        return "LTAI-rel-user-" + (i + 1);
    }

    static String accessKeySecret(String secretMark, int i) {
        return secretMark + "-" + (i + 1);
    }

    static String secretName(int i) {
        return accountName(i) + "-keys";
    }

    /** The emulator's accounts, each with the root AccessKey {@link #accessKeyId}. */
    static EmulatorConfig.Builder emulatorAccounts(EmulatorConfig.Builder builder, String secretMark) {
        for (int i = 0; i < ACCOUNTS; i++) {
            builder.account(accountId(i), accessKeyId(i), accessKeySecret(secretMark, i));
            // A RAM user per account that may call AssumeRole (STS refuses root keys).
            builder.user(accountId(i), "operator", userAccessKeyId(i), accessKeySecret(secretMark, i) + "-user",
                    "AliyunSTSAssumeRoleAccess");
        }
        return builder;
    }

    /** AlibabaCloudAccount {@code acct-(i+1)} reading its key from a Secret, reaching {@code endpoint}. */
    static AlibabaCloudAccount account(int i, String endpoint) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = accountId(i);
        spec.credentials = new AccountCredentials();
        spec.credentials.secretRef = new SecretRef();
        spec.credentials.secretRef.name = secretName(i);
        spec.credentials.secretRef.namespace = SECRETS_NAMESPACE;
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = endpoint;
        spec.endpoint.sts = endpoint;
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(accountName(i)).build());
        account.setSpec(spec);
        return account;
    }

    static List<AlibabaCloudAccount> accounts(String endpoint) {
        return IntStream.range(0, ACCOUNTS).mapToObj(i -> account(i, endpoint)).toList();
    }

    /**
     * {@code count} grants: grant k puts its role in account k mod 5 and trusts account
     * k+1 mod 5; the kind cycles DTS, DMS registration (with or without a custom policy),
     * DMS access. Role names are unique per account.
     */
    static List<CustomResource<?, GrantStatus>> grants(int count) {
        List<CustomResource<?, GrantStatus>> grants = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int owner = k % ACCOUNTS;
            int trusted = (k + 1) % ACCOUNTS;
            grants.add(switch (k % 3) {
                case 0 -> dts("g-" + k, "rel-dts-" + k, owner, trusted);
                case 1 -> dmsRegistration("g-" + k, "rel-dmsreg-" + k, owner, trusted,
                        k % 2 == 0 ? List.of(DatabaseType.RdsMySQL) : List.of(DatabaseType.Redis, DatabaseType.PolarDBX1));
                default -> dmsAccess("g-" + k, "rel-dmsacc-" + k, owner, trusted);
            });
        }
        return grants;
    }

    /** Source in account {@code owner}, destination RDS MySQL in the task account: one role, in {@code owner}. */
    static CrossAccountDtsGrant dts(String name, String roleName, int owner, int task) {
        CrossAccountDtsGrantSpec spec = new CrossAccountDtsGrantSpec();
        spec.taskAccountId = accountId(task);
        spec.source = new DtsEndpoint();
        spec.source.accountRef = new AccountRef(accountName(owner));
        spec.source.engine = DtsEngine.RdsMySQL;
        spec.destination = new DtsEndpoint();
        spec.destination.accountId = accountId(task);
        spec.destination.engine = DtsEngine.RdsMySQL;
        spec.roleName = roleName;
        return named(new CrossAccountDtsGrant(), name, spec);
    }

    static DmsRegistrationRole dmsRegistration(String name, String roleName, int owner, int dms,
                                               List<DatabaseType> types) {
        DmsRegistrationRoleSpec spec = new DmsRegistrationRoleSpec();
        spec.ownerAccountRef = new AccountRef(accountName(owner));
        spec.dmsAccountId = accountId(dms);
        spec.databaseTypes = new ArrayList<>(types);
        spec.networkTypes = new ArrayList<>(List.of(NetworkType.VPC));
        spec.roleName = roleName;
        return named(new DmsRegistrationRole(), name, spec);
    }

    static DmsAccessRole dmsAccess(String name, String roleName, int owner, int accessor) {
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef(accountName(owner));
        spec.accessorAccountId = accountId(accessor);
        spec.roleName = roleName;
        return named(new DmsAccessRole(), name, spec);
    }

    private static <S, R extends CustomResource<S, GrantStatus>> R named(R resource, String name, S spec) {
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        resource.setSpec(spec);
        return resource;
    }

    /** What the seed rules want for each grant, given the fleet's accounts. */
    static List<DesiredState> desiredStates(List<? extends HasMetadata> grants) {
        InMemoryAccountDirectory directory = InMemoryAccountDirectory.of(accounts("http://unused/"));
        return grants.stream().map(g -> GrantRulesCatalog.desiredState(g, directory)).toList();
    }
}
