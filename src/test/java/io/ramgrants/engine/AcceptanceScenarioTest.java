package io.ramgrants.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance scenarios: create, drift, correct, rename and delete of each kind through the
 * engine and the production gateway stack. Without credentials (CI) they run against the
 * emulator with RAM-user keys and a consistency lag; with
 * {@code RAMGRANTS_ACCEPTANCE_ACCOUNT_ID}, {@code RAMGRANTS_ACCEPTANCE_ACCESS_KEY_ID} and
 * {@code RAMGRANTS_ACCEPTANCE_ACCESS_KEY_SECRET} set (optional {@code RAMGRANTS_ACCEPTANCE_RAM_ENDPOINT})
 * they run against that real account, which is how anyone can check the emulator's assumptions.
 * Every role and policy is named {@code ramgrants-acc-<random>-*} and deleted at the end; every
 * trust policy names the account itself (as task, DMS and accessor account), never a stranger.
 */
class AcceptanceScenarioTest {
    static final String ENV_ACCOUNT = "RAMGRANTS_ACCEPTANCE_ACCOUNT_ID";
    static final String ENV_KEY = "RAMGRANTS_ACCEPTANCE_ACCESS_KEY_ID";
    static final String ENV_SECRET = "RAMGRANTS_ACCEPTANCE_ACCESS_KEY_SECRET";
    static final String ENV_RAM_ENDPOINT = "RAMGRANTS_ACCEPTANCE_RAM_ENDPOINT";

    static RamEmulator emulator;
    static String account;
    static RamGateway ram;
    static String prefix;
    final EngineOptions manage = EngineOptions.defaults();

    @BeforeAll
    static void connect() {
        Map<String, String> env = System.getenv();
        RamGateways gateways = new RamGateways(RamClientSettings.defaults()
                .withRetries(6, Duration.ofMillis(100), Duration.ofSeconds(2)), OperatorMetrics.discarding());
        prefix = "ramgrants-acc-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        if (env.get(ENV_KEY) != null && env.get(ENV_SECRET) != null && env.get(ENV_ACCOUNT) != null) {
            account = env.get(ENV_ACCOUNT);
            String endpoint = env.getOrDefault(ENV_RAM_ENDPOINT, AccountEndpoint.PUBLIC_RAM.toString());
            ram = gateways.ramGateway(account, new AccountEndpoint(java.net.URI.create(endpoint), AccountEndpoint.PUBLIC_STS),
                    () -> AccessKeyCredentials.permanent(env.get(ENV_KEY), env.get(ENV_SECRET)));
        } else {
            account = "1111111111111111";
            emulator = RamEmulator.start(EmulatorConfig.builder().account(account, "AKID-root", "root-secret")
                    .user(account, "ram-grant-operator", "AKID-acceptance", "acceptance-secret", "AliyunRAMFullAccess")
                    .consistencyLag(Duration.ofMillis(300)).seed(6L).threads(4).build(), 0);
            ram = gateways.ramGateway(account, AccountEndpoint.both(emulator.endpoint()),
                    () -> AccessKeyCredentials.permanent("AKID-acceptance", "acceptance-secret"));
        }
    }

    @AfterAll
    static void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    static PolicyDocument trustRamOf(String accountId) {
        return PolicyDocument.of(Statement.assumeRoleBy(Principal.of(List.of("acs:ram::" + accountId + ":root"),
                List.of(), List.of())));
    }

    DesiredRole dts(OwnerRef owner, String name, String task) {
        PolicyDocument trust = PolicyDocument.of(Statement.assumeRoleBy(Principal.of(
                List.of("acs:ram::" + task + ":root"), List.of(task + "@dts.aliyuncs.com"), List.of())));
        return new DesiredRole(account, name, owner.marker(), trust, Set.of("AliyunDTSRolePolicy"), List.of(), owner);
    }

    DesiredRole registration(OwnerRef owner, String name, String... actions) {
        PolicyDocument trust = PolicyDocument.of(Statement.assumeRoleBy(Principal.service(account + "@dms.aliyuncs.com")));
        PolicyDocument policy = PolicyDocument.of(Statement.allow(List.of(actions), List.of("*")));
        return new DesiredRole(account, name, owner.marker(), trust, Set.of(),
                List.of(new DesiredCustomPolicy(name + "-policy", policy, owner.marker())), owner);
    }

    DesiredRole access(OwnerRef owner, String name, String accessor) {
        return new DesiredRole(account, name, owner.marker(), trustRamOf(accessor),
                Set.of("AliyunDMSLoginConsoleAccess"), List.of(), owner);
    }

    /** Passes (2 s apart, as a requeue would space them) until RAM matches; none may fail. */
    void converge(GrantEngine engine, List<DesiredRole> roles) throws InterruptedException {
        for (int pass = 0; pass < 10; pass++) {
            EngineResult result = engine.reconcile(roles, manage);
            assertThat(result.failure()).as("pass %d", pass).isEmpty();
            assertThat(result.conflicts()).isEmpty();
            if (result.converged() && !engine.reconcile(roles, manage).driftFound()) {
                return;
            }
            Thread.sleep(emulator != null ? 300 : 2000);
        }
        throw new AssertionError("no convergence in 10 passes");
    }

    void delete(GrantEngine engine, OwnerRef owner, DesiredRole role) {
        EngineResult result = engine.delete(owner, List.of(role), manage);
        assertThat(result.failure()).as("deleting " + role.roleName()).isEmpty();
        assertThat(ram.getRole(role.roleName())).isEmpty();
    }

    @Test
    void createDriftCorrectRenameAndDeleteOfEachKind() throws InterruptedException {
        GrantEngine engine = new GrantEngine(accountId -> ram);
        OwnerRef dtsOwner = new OwnerRef("acceptance", "CrossAccountDtsGrant", prefix + "-dts");
        OwnerRef regOwner = new OwnerRef("acceptance", "DmsRegistrationRole", prefix + "-reg");
        OwnerRef accOwner = new OwnerRef("acceptance", "DmsAccessRole", prefix + "-acc");
        DesiredRole dts = dts(dtsOwner, prefix + "-dts", account);
        DesiredRole reg = registration(regOwner, prefix + "-reg", "kvstore:DescribeInstances");
        DesiredRole acc = access(accOwner, prefix + "-acc", account);
        try {
            converge(engine, List.of(dts, reg, acc));

            // Drift out of band: another trust, a detached policy, an extra privileged attachment.
            ram.updateRole(dts.roleName(), trustRamOf(account).toJson(), null, 3600);
            ram.detachPolicyFromRole(PolicyType.Custom, prefix + "-reg-policy", reg.roleName());
            ram.attachPolicyToRole(PolicyType.System, "ReadOnlyAccess", acc.roleName());
            assertThat(engine.reconcile(List.of(dts, reg, acc), manage.withMode(ManagementMode.OBSERVE)).driftFound())
                    .isTrue();
            converge(engine, List.of(dts, reg, acc));
            assertThat(ram.listPoliciesForRole(acc.roleName())).extracting(AttachedPolicy::policyName)
                    .containsExactly("AliyunDMSLoginConsoleAccess");

            // A changed policy document, then renames (delete the old, create the new).
            DesiredRole reg2 = registration(regOwner, prefix + "-reg", "kvstore:DescribeInstances", "vpc:DescribeVpcs");
            converge(engine, List.of(reg2));
            delete(engine, dtsOwner, dts);
            delete(engine, regOwner, reg2);
            delete(engine, accOwner, acc);
            dts = dts(dtsOwner, prefix + "-dts2", account);
            reg = registration(regOwner, prefix + "-reg2", "kvstore:DescribeInstances");
            acc = access(accOwner, prefix + "-acc2", account);
            converge(engine, List.of(dts, reg, acc));
        } finally {
            for (DesiredRole role : List.of(dts, reg, acc)) {
                EngineResult deleted = engine.delete(role.owner(), List.of(role), manage);
                assertThat(deleted.failure()).as("cleaning up " + role.roleName()).isEmpty();
            }
        }
        assertThat(ram.getRole(dts.roleName())).isEmpty();
        assertThat(ram.getPolicy(PolicyType.Custom, prefix + "-reg2-policy")).isEmpty();
    }
}
