package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import io.ramgrants.api.NetworkType;
import java.util.ArrayList;
import java.util.List;

/** Grant resources as a user would write them. */
final class Grants {
    private Grants() {}

    /** Source in {@code sourceAccount} (an AlibabaCloudAccount name), destination RDS MySQL in the task account. */
    static CrossAccountDtsGrant dts(String name, String roleName, String sourceAccount, String taskAccountId) {
        CrossAccountDtsGrantSpec spec = new CrossAccountDtsGrantSpec();
        spec.taskAccountId = taskAccountId;
        spec.source = endpoint(sourceAccount, DtsEngine.RdsMySQL);
        spec.destination = new DtsEndpoint();
        spec.destination.accountId = taskAccountId;
        spec.destination.engine = DtsEngine.RdsMySQL;
        spec.roleName = roleName;
        CrossAccountDtsGrant grant = new CrossAccountDtsGrant();
        grant.setMetadata(new ObjectMetaBuilder().withName(name).build());
        grant.setSpec(spec);
        return grant;
    }

    static DtsEndpoint endpoint(String accountName, DtsEngine engine) {
        DtsEndpoint endpoint = new DtsEndpoint();
        endpoint.accountRef = new AccountRef(accountName);
        endpoint.engine = engine;
        return endpoint;
    }

    static DmsRegistrationRole dmsRegistration(String name, String roleName, String ownerAccount, String dmsAccountId,
                                               List<DatabaseType> types, List<NetworkType> networks) {
        DmsRegistrationRoleSpec spec = new DmsRegistrationRoleSpec();
        spec.ownerAccountRef = new AccountRef(ownerAccount);
        spec.dmsAccountId = dmsAccountId;
        spec.databaseTypes = new ArrayList<>(types);
        spec.networkTypes = new ArrayList<>(networks);
        spec.roleName = roleName;
        DmsRegistrationRole role = new DmsRegistrationRole();
        role.setMetadata(new ObjectMetaBuilder().withName(name).build());
        role.setSpec(spec);
        return role;
    }

    static DmsAccessRole dmsAccess(String name, String roleName, String ownerAccount, String accessorAccountId) {
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef(ownerAccount);
        spec.accessorAccountId = accessorAccountId;
        spec.roleName = roleName;
        DmsAccessRole role = new DmsAccessRole();
        role.setMetadata(new ObjectMetaBuilder().withName(name).build());
        role.setSpec(spec);
        return role;
    }
}
