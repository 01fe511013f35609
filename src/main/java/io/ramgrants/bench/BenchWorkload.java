package io.ramgrants.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.GrantRulesCatalog;
import io.ramgrants.desired.InMemoryAccountDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * The grants a benchmark reconciles, spread round-robin over the emulated accounts: a share
 * {@code customRatio} of DMS registration roles with a custom policy (Redis), the rest split
 * between DTS grants (half with a role in one account, half in two) and DMS access roles. A
 * "hub" account, known to the directory but never called, is the DTS task account, the DMS
 * tenant and the accessor every role trusts. Desired states come from the real seed rules.
 */
final class BenchWorkload {
    static final String NAMESPACE = "bench";
    static final BenchAccount HUB = new BenchAccount("hub", "1999999999999999", "HUBAK", "hub-secret");

    private final List<BenchAccount> accounts;
    private final List<AlibabaCloudAccount> accountResources;
    private final AccountDirectory directory;
    private final List<BenchGrant> grants;

    BenchWorkload(int grantCount, int accountCount, double customRatio) {
        this(grantCount, 1, accountCount, customRatio);
    }

    /** Over the accounts numbered {@code firstAccount} and up: another set of accounts, e.g. for a warm-up. */
    BenchWorkload(int grantCount, int firstAccount, int accountCount, double customRatio) {
        if (grantCount < 1 || accountCount < 1 || firstAccount < 1) {
            throw new IllegalArgumentException("need at least one grant and one account");
        }
        if (customRatio < 0 || customRatio > 1) {
            throw new IllegalArgumentException("custom ratio must be within 0..1: " + customRatio);
        }
        List<BenchAccount> all = new ArrayList<>();
        for (int i = firstAccount; i < firstAccount + accountCount; i++) {
            all.add(BenchAccount.numbered(i));
        }
        this.accounts = List.copyOf(all);
        List<AlibabaCloudAccount> resources = new ArrayList<>();
        accounts.forEach(a -> resources.add(accountResource(a)));
        resources.add(accountResource(HUB));
        this.accountResources = List.copyOf(resources);
        this.directory = InMemoryAccountDirectory.of(accountResources);
        this.grants = generate(grantCount, customRatio);
    }

    List<BenchAccount> accounts() {
        return accounts;
    }

    /** Every AlibabaCloudAccount resource, the hub included. */
    List<AlibabaCloudAccount> accountResources() {
        return accountResources;
    }

    List<BenchGrant> grants() {
        return grants;
    }

    int roleCount() {
        return grants.stream().mapToInt(g -> g.desired().roles().size()).sum();
    }

    private List<BenchGrant> generate(int count, double customRatio) {
        List<BenchGrant> out = new ArrayList<>(count);
        int others = 0;
        for (int g = 0; g < count; g++) {
            BenchAccount home = accounts.get(g % accounts.size());
            // Spreads the custom-policy grants evenly instead of putting them all first.
            boolean custom = Math.floor((g + 1) * customRatio) > Math.floor(g * customRatio);
            HasMetadata resource;
            BenchGrant.Kind kind;
            if (custom) {
                resource = dmsRegistration(g, home);
                kind = BenchGrant.Kind.DMS_REGISTRATION;
            } else if (others++ % 2 == 0) {
                BenchAccount destination = (others / 2) % 2 == 0 ? home : accounts.get((g + 1) % accounts.size());
                resource = dts(g, home, destination);
                kind = BenchGrant.Kind.DTS;
            } else {
                resource = dmsAccess(g, home);
                kind = BenchGrant.Kind.DMS_ACCESS;
            }
            out.add(new BenchGrant(resource, GrantRulesCatalog.desiredState(resource, directory), kind));
        }
        return List.copyOf(out);
    }

    private static CrossAccountDtsGrant dts(int g, BenchAccount source, BenchAccount destination) {
        CrossAccountDtsGrant grant = new CrossAccountDtsGrant();
        grant.setMetadata(meta(g));
        CrossAccountDtsGrantSpec spec = new CrossAccountDtsGrantSpec();
        spec.taskAccountId = HUB.accountId();
        spec.source = endpoint(source);
        spec.destination = endpoint(destination);
        spec.roleName = String.format("bench-dts-%05d", g);
        grant.setSpec(spec);
        return grant;
    }

    private static DmsRegistrationRole dmsRegistration(int g, BenchAccount owner) {
        DmsRegistrationRole role = new DmsRegistrationRole();
        role.setMetadata(meta(g));
        DmsRegistrationRoleSpec spec = new DmsRegistrationRoleSpec();
        spec.ownerAccountRef = new AccountRef(owner.name());
        spec.dmsAccountId = HUB.accountId();
        spec.databaseTypes = new ArrayList<>(List.of(DatabaseType.Redis));
        spec.roleName = String.format("bench-dmsreg-%05d", g);
        role.setSpec(spec);
        return role;
    }

    private static DmsAccessRole dmsAccess(int g, BenchAccount owner) {
        DmsAccessRole role = new DmsAccessRole();
        role.setMetadata(meta(g));
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef(owner.name());
        spec.accessorAccountId = HUB.accountId();
        spec.roleName = String.format("bench-dmsacc-%05d", g);
        role.setSpec(spec);
        return role;
    }

    private static DtsEndpoint endpoint(BenchAccount account) {
        DtsEndpoint endpoint = new DtsEndpoint();
        endpoint.accountRef = new AccountRef(account.name());
        endpoint.engine = DtsEngine.RdsMySQL;
        return endpoint;
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(int g) {
        return new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(String.format("g-%05d", g)).build();
    }

    private static AlibabaCloudAccount accountResource(BenchAccount account) {
        AlibabaCloudAccount resource = new AlibabaCloudAccount();
        resource.setMetadata(new ObjectMetaBuilder().withName(account.name()).build());
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = account.accountId();
        spec.credentials = new AccountCredentials();
        spec.credentials.defaultChain = true;
        resource.setSpec(spec);
        return resource;
    }
}
