package io.ramgrants.desired;

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
import io.ramgrants.api.Infrastructure;
import io.ramgrants.api.NetworkType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builders for test resources; account IDs are 16 digits like real UIDs. */
public final class Fixtures {
    public static final String TASK = "1111111111111111";
    public static final String SOURCE = "2222222222222222";
    public static final String DESTINATION = "3333333333333333";
    public static final String DMS = "4444444444444444";
    public static final String OWNER = "5555555555555555";

    private Fixtures() {}

    public static AlibabaCloudAccount account(String name, String accountId) {
        return account(name, accountId, Infrastructure.Public);
    }

    public static AlibabaCloudAccount account(String name, String accountId, Infrastructure infrastructure) {
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = accountId;
        spec.credentials = new AccountCredentials();
        spec.credentials.defaultChain = true;
        spec.infrastructure = infrastructure;
        account.setSpec(spec);
        return account;
    }

    /** Every fixture account, each named after its role in the tests. */
    public static InMemoryAccountDirectory directory() {
        return InMemoryAccountDirectory.of(List.of(account("task", TASK), account("source", SOURCE),
                account("destination", DESTINATION), account("dms", DMS), account("owner", OWNER)));
    }

    public static DtsEndpoint byId(String accountId, DtsEngine engine) {
        DtsEndpoint endpoint = new DtsEndpoint();
        endpoint.accountId = accountId;
        endpoint.engine = engine;
        return endpoint;
    }

    public static DtsEndpoint byRef(String accountName, DtsEngine engine) {
        DtsEndpoint endpoint = new DtsEndpoint();
        endpoint.accountRef = new AccountRef(accountName);
        endpoint.engine = engine;
        return endpoint;
    }

    public static CrossAccountDtsGrant dts(String task, DtsEndpoint source, DtsEndpoint destination) {
        CrossAccountDtsGrant grant = new CrossAccountDtsGrant();
        grant.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("orders-sync").build());
        CrossAccountDtsGrantSpec spec = new CrossAccountDtsGrantSpec();
        spec.taskAccountId = task;
        spec.source = source;
        spec.destination = destination;
        grant.setSpec(spec);
        return grant;
    }

    public static CrossAccountDtsGrant dts(String task, String source, String destination) {
        return dts(task, byId(source, DtsEngine.RdsMySQL), byId(destination, DtsEngine.RdsMySQL));
    }

    public static DmsRegistrationRole registration(List<DatabaseType> types, List<NetworkType> networks) {
        DmsRegistrationRole role = new DmsRegistrationRole();
        role.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("analytics").build());
        DmsRegistrationRoleSpec spec = new DmsRegistrationRoleSpec();
        spec.ownerAccountRef = new AccountRef("owner");
        spec.dmsAccountId = DMS;
        spec.databaseTypes = new ArrayList<>(types);
        spec.networkTypes = new ArrayList<>(networks);
        role.setSpec(spec);
        return role;
    }

    public static DmsAccessRole access(String accessorAccountId) {
        DmsAccessRole role = new DmsAccessRole();
        role.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("console").build());
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef("owner");
        spec.accessorAccountId = accessorAccountId;
        role.setSpec(spec);
        return role;
    }

    /** A seed snippet from src/test/resources/seeds, placeholders as printed. */
    public static String seed(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/seeds/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed snippet " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
