package io.ramgrants.demo;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
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
import io.ramgrants.api.NetworkType;
import io.ramgrants.api.SecretRef;
import java.util.List;
import java.util.Map;

/**
 * Who is who in the demo and what they declare: three accounts, as in the seeds, and one grant
 * of each kind.
 *
 * <ul>
 *   <li>{@code platform} creates the DTS task and runs the DMS tenant (account A of seed 004);</li>
 *   <li>{@code orders} owns the DTS source instance;</li>
 *   <li>{@code reporting} owns the DTS destination instance and the databases DMS registers
 *       (account B of seed 004).</li>
 * </ul>
 * The task account owns neither DTS instance, so the DTS grant needs a role in two accounts.
 */
final class DemoCast {
    static final String SECRETS_NAMESPACE = "ram-grant-operator";
    static final String GRANTS_NAMESPACE = "data-platform";
    /** An account nobody in the demo knows: the one the out-of-band edit makes the DTS role trust. */
    static final String STRANGER_ACCOUNT_ID = "9999999999999999";

    static final String DTS_GRANT = "orders-to-reporting";
    static final String DTS_ROLE = "ram-for-dts";
    static final String DMS_REGISTRATION = "reporting-dms";
    static final String DMS_REGISTRATION_ROLE = "dms-cross-account";
    static final String DMS_ACCESS = "reporting-console";
    static final String DMS_ACCESS_ROLE = "dms-console-access";

    final DemoAccount platform = DemoAccount.of("platform", "1111111111111111",
            "creates the DTS task; runs the DMS tenant");
    final DemoAccount orders = DemoAccount.of("orders", "2222222222222222", "owns the DTS source RDS MySQL");
    final DemoAccount reporting = DemoAccount.of("reporting", "3333333333333333",
            "owns the DTS destination RDS MySQL and the databases DMS registers");

    List<DemoAccount> accounts() {
        return List.of(platform, orders, reporting);
    }

    Secret accessKeySecret(DemoAccount account) {
        return new SecretBuilder()
                .withNewMetadata().withNamespace(SECRETS_NAMESPACE).withName(account.secretName()).endMetadata()
                .withType("Opaque")
                .withStringData(Map.of("accessKeyId", account.operatorKeyId(),
                        "accessKeySecret", account.operatorKeySecret()))
                .build();
    }

    AlibabaCloudAccount alibabaCloudAccount(DemoAccount account, String emulatorEndpoint) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = account.accountId();
        spec.credentials = new AccountCredentials();
        spec.credentials.secretRef = new SecretRef();
        spec.credentials.secretRef.name = account.secretName();
        spec.credentials.secretRef.namespace = SECRETS_NAMESPACE;
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = emulatorEndpoint;
        spec.endpoint.sts = emulatorEndpoint;
        AlibabaCloudAccount resource = new AlibabaCloudAccount();
        resource.setMetadata(new ObjectMetaBuilder().withName(account.name()).build());
        resource.setSpec(spec);
        return resource;
    }

    /** platform runs the task; orders owns the source, reporting the destination: roles in both. */
    CrossAccountDtsGrant dtsGrant() {
        CrossAccountDtsGrantSpec spec = new CrossAccountDtsGrantSpec();
        spec.taskAccountId = platform.accountId();
        spec.source = endpoint(orders, DtsEngine.RdsMySQL);
        spec.destination = endpoint(reporting, DtsEngine.RdsMySQL);
        spec.roleName = DTS_ROLE;
        CrossAccountDtsGrant grant = new CrossAccountDtsGrant();
        grant.setMetadata(metadata(DTS_GRANT));
        grant.setSpec(spec);
        return grant;
    }

    /** platform's DMS registers reporting's Redis and RDS MySQL over VPC: a role and a custom policy. */
    DmsRegistrationRole dmsRegistration() {
        DmsRegistrationRoleSpec spec = new DmsRegistrationRoleSpec();
        spec.ownerAccountRef = new AccountRef(reporting.name());
        spec.dmsAccountId = platform.accountId();
        spec.databaseTypes = List.of(DatabaseType.Redis, DatabaseType.RdsMySQL);
        spec.networkTypes = List.of(NetworkType.VPC);
        spec.roleName = DMS_REGISTRATION_ROLE;
        DmsRegistrationRole grant = new DmsRegistrationRole();
        grant.setMetadata(metadata(DMS_REGISTRATION));
        grant.setSpec(spec);
        return grant;
    }

    /** platform's RAM users switch into reporting's DMS console. */
    DmsAccessRole dmsAccess() {
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef(reporting.name());
        spec.accessorAccountId = platform.accountId();
        spec.roleName = DMS_ACCESS_ROLE;
        DmsAccessRole grant = new DmsAccessRole();
        grant.setMetadata(metadata(DMS_ACCESS));
        grant.setSpec(spec);
        return grant;
    }

    private static DtsEndpoint endpoint(DemoAccount owner, DtsEngine engine) {
        DtsEndpoint endpoint = new DtsEndpoint();
        endpoint.accountRef = new AccountRef(owner.name());
        endpoint.engine = engine;
        return endpoint;
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta metadata(String name) {
        return new ObjectMetaBuilder().withNamespace(GRANTS_NAMESPACE).withName(name).build();
    }
}
