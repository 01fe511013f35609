package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.engine.Inventory;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, restarts: the operator dies inside a plan — right after a RAM write whose answer
 * it never sees — and a fresh engine over fresh gateways takes over. It converges to the same
 * end state as an uninterrupted run and never touches a role it did not create: every test
 * plants unowned roles and policies with look-alike names first, and checks them afterwards.
 */
class RestartTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-restart";
    static final long SEED = 6L;
    static RamEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK).threads(4).build(), 0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void creationCrashingAtSeededRandomWritesConvergesToTheUninterruptedEndState() {
        List<DesiredState> desired = Fleet.desiredStates(Fleet.grants(15));
        Map<String, RamInventory.Account> decoys = plantDecoys(desired);
        Random random = new Random(SEED);
        List<String> crashes = new ArrayList<>();

        // Each process lives for 1 to 8 writes, until one gets through every grant without dying.
        for (int restart = 0; restart < 30; restart++) {
            CrashingGateways dying = CrashingGateways.afterWrite(fresh(), 1 + random.nextInt(8));
            GrantEngine engine = new GrantEngine(dying);
            try {
                desired.forEach(state -> engine.reconcile(state, EngineOptions.defaults()));
                break;
            } catch (CrashingGateways.SimulatedCrash crash) {
                crashes.add(dying.crashedAfter());
            }
        }
        ChaosConvergenceTest.convergeWithin(1, new GrantEngine(fresh()), desired);

        assertThat(crashes).as("the process really died inside plans").hasSizeGreaterThanOrEqualTo(3);
        assertAccountsHoldExactly(desired, Function.identity());
        assertDecoysUntouched(decoys);
        Figures.print("restart-create", "grants=15", "crashes=" + crashes.size(), "crashedAfter=" + crashes,
                "seed=" + SEED);
    }

    @Test
    void crashBetweenCreateRoleAndAttachPolicyIsFinishedWithoutASecondRole() {
        List<DesiredState> desired = Fleet.desiredStates(List.of(Fleet.dts("r-attach", "restart-attach", 0, 1)));
        Map<String, RamInventory.Account> decoys = plantDecoys(desired);
        CrashingGateways dying = CrashingGateways.afterFirst(fresh(), "createRole");

        assertThatThrownBy(() -> new GrantEngine(dying).reconcile(desired.get(0), EngineOptions.defaults()))
                .isInstanceOf(CrashingGateways.SimulatedCrash.class);
        EngineResult restarted = new GrantEngine(fresh()).reconcile(desired.get(0), EngineOptions.defaults());

        assertThat(restarted.appliedLines()).containsExactly(
                "AttachPolicy System/AliyunDTSRolePolicy to restart-attach in " + Fleet.accountId(0));
        assertThat(restarted.converged()).isTrue();
        assertAccountsHoldExactly(desired, Function.identity());
        assertDecoysUntouched(decoys);
    }

    @Test
    void crashBetweenPolicyVersionWritesLeavesFiveVersionsAndTheNewDefault() {
        List<DatabaseType> types = List.of(DatabaseType.Redis, DatabaseType.PolarDBX1, DatabaseType.PolarDBX2,
                DatabaseType.OceanBase, DatabaseType.Lindorm, DatabaseType.Hologres, DatabaseType.GDB);
        Function<Integer, DesiredState> version = n -> Fleet.desiredStates(List.of(Fleet.dmsRegistration("r-versions",
                "restart-versions", 2, 3, types.subList(0, n)))).get(0);
        Map<String, RamInventory.Account> decoys = plantDecoys(List.of(version.apply(1)));
        GrantEngine engine = new GrantEngine(fresh());
        for (int n = 1; n <= 5; n++) {
            assertThat(engine.reconcile(version.apply(n), EngineOptions.defaults()).converged()).isTrue();
        }
        assertThat(policyOf(version.apply(5)).versions()).isEqualTo(5);

        for (String crashAfter : List.of("deletePolicyVersion", "createPolicyVersion")) {
            int n = crashAfter.equals("deletePolicyVersion") ? 6 : 7;
            CrashingGateways dying = CrashingGateways.afterFirst(fresh(), crashAfter);
            assertThatThrownBy(() -> new GrantEngine(dying).reconcile(version.apply(n), EngineOptions.defaults()))
                    .isInstanceOf(CrashingGateways.SimulatedCrash.class);
            assertThat(dying.writes()).as("writes before the crash after %s", crashAfter).endsWith(crashAfter);

            EngineResult restarted = new GrantEngine(fresh()).reconcile(version.apply(n), EngineOptions.defaults());

            assertThat(restarted.converged()).isTrue();
            assertThat(policyOf(version.apply(n)).versions()).isLessThanOrEqualTo(5);
            assertAccountsHoldExactly(List.of(version.apply(n)), RamInventory.Account::withoutVersionCounts);
        }
        assertDecoysUntouched(decoys);
    }

    @Test
    void crashMidDeletionIsFinishedByTheNextDeletionAndLeavesNothingBehind() {
        for (String crashAfter : List.of("detachPolicyFromRole", "deleteRole")) {
            DmsRegistrationRole grant = Fleet.dmsRegistration("r-delete-" + crashAfter.toLowerCase(Locale.ROOT),
                    "restart-delete-" + crashAfter.length(), 4, 0, List.of(DatabaseType.Redis));
            DesiredState desired = Fleet.desiredStates(List.of(grant)).get(0);
            Map<String, RamInventory.Account> decoys = plantDecoys(List.of(desired));
            assertThat(new GrantEngine(fresh()).reconcile(desired, EngineOptions.defaults()).converged()).isTrue();

            CrashingGateways dying = CrashingGateways.afterFirst(fresh(), crashAfter);
            assertThatThrownBy(() -> new GrantEngine(dying).delete(desired, EngineOptions.defaults()))
                    .isInstanceOf(CrashingGateways.SimulatedCrash.class);
            EngineResult restarted = new GrantEngine(fresh()).delete(desired, EngineOptions.defaults());

            assertThat(restarted.converged()).as("deletion after a crash after %s", crashAfter).isTrue();
            assertThat(read(4, names(List.of(desired))::contains)).as("nothing of %s is left", grant.getMetadata()
                    .getName()).isEqualTo(new RamInventory.Account(Map.of(), Map.of()));
            assertDecoysUntouched(decoys);
        }
    }

    /**
     * Issue 12's hole: the process dies right after its first write into an account the resource
     * never used, before any status records it, and the spec drops that account before the next
     * pass. The write intent (persisted here in a list, as the reconciler persists it in status)
     * recorded the account first, so the restarted pass looks there and removes what carries the
     * resource's marker, and nothing else.
     */
    @Test
    void crashAfterTheFirstWriteIntoANewAccountThatThenLeavesTheSpecLeavesNothingThere() {
        for (String crashAfter : List.of("createPolicy", "createRole")) {
            String name = "r-intent-" + crashAfter.toLowerCase(Locale.ROOT);
            String roleName = "restart-intent-" + crashAfter.length();
            DesiredState before = Fleet.desiredStates(List.of(Fleet.dmsRegistration(name, roleName, 1, 0,
                    List.of(DatabaseType.Redis)))).get(0);
            DesiredState moved = Fleet.desiredStates(List.of(Fleet.dmsRegistration(name, roleName, 2, 0,
                    List.of(DatabaseType.Redis)))).get(0);
            Map<String, RamInventory.Account> decoys = plantDecoys(List.of(before, moved));
            EngineResult first = new GrantEngine(fresh()).reconcile(before, Inventory.empty(), false,
                    EngineOptions.defaults());
            assertThat(first.converged()).isTrue();
            List<Inventory> persisted = new ArrayList<>(List.of(first.removals().inventory()));

            CrashingGateways dying = CrashingGateways.afterFirst(fresh(), crashAfter);
            assertThatThrownBy(() -> new GrantEngine(dying).reconcile(moved, persisted.get(0), true,
                    EngineOptions.defaults(), persisted::add)).isInstanceOf(CrashingGateways.SimulatedCrash.class);
            assertThat(persisted).as("the intent recorded before the first write").hasSize(2);
            assertThat(persisted.get(1).accountIds()).contains(Fleet.accountId(2));
            assertThat(read(2, names(List.of(moved))::contains)).as("what the dead process wrote")
                    .isNotEqualTo(new RamInventory.Account(Map.of(), Map.of()));

            EngineResult restarted = new GrantEngine(fresh()).reconcile(before, persisted.get(1), true,
                    EngineOptions.defaults());

            assertThat(restarted.converged()).as("after a crash after %s", crashAfter).isTrue();
            assertThat(read(2, names(List.of(moved))::contains)).as("nothing of %s is left in the dropped account",
                    name).isEqualTo(new RamInventory.Account(Map.of(), Map.of()));
            assertAccountsHoldExactly(List.of(before), Function.identity());
            assertThat(restarted.removals().inventory()).isEqualTo(first.removals().inventory());
            assertDecoysUntouched(decoys);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A restarted process: new gateways, new rate limiters, nothing remembered. */
    static EmulatorGateways fresh() {
        return new EmulatorGateways(emulator, MARK);
    }

    static Client console(int account) {
        return RamInventory.client(emulator, Fleet.accessKeyId(account), Fleet.accessKeySecret(MARK, account));
    }

    static int indexOf(String accountId) {
        return Integer.parseInt(accountId.substring(accountId.length() - 1)) - 1;
    }

    static RamInventory.Account read(int account, java.util.function.Predicate<String> names) {
        return RamInventory.read(console(account), names);
    }

    /** Role and custom policy names of {@code states}, compared as RAM compares them. */
    static Set<String> names(List<DesiredState> states) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (DesiredState state : states) {
            for (DesiredRole role : state.roles()) {
                names.add(role.roleName());
                role.customPolicies().forEach(p -> names.add(p.policyName()));
            }
        }
        return names;
    }

    /** Role and custom policy names {@code states} want in one account. */
    static Set<String> namesIn(List<DesiredState> states, String accountId) {
        return names(states.stream().map(s -> new DesiredState(s.owner(), s.roles().stream()
                .filter(r -> r.accountId().equals(accountId)).toList(), s.notes())).toList());
    }

    static RamInventory.Policy policyOf(DesiredState state) {
        DesiredRole role = state.roles().get(0);
        String policy = role.customPolicies().get(0).policyName();
        return read(indexOf(role.accountId()), policy::equalsIgnoreCase).policies().get(policy.toLowerCase(Locale.ROOT));
    }

    static void assertAccountsHoldExactly(List<DesiredState> desired, Function<RamInventory.Account,
            RamInventory.Account> normalise) {
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            Set<String> ours = namesIn(desired, Fleet.accountId(i));
            assertThat(normalise.apply(read(i, ours::contains)))
                    .as("account %s", Fleet.accountId(i))
                    .isEqualTo(normalise.apply(RamInventory.expected(desired, Fleet.accountId(i))));
        }
    }

    /**
     * Unowned look-alikes next to each desired role and policy: the same name with a suffix or
     * prefix, one carrying another resource's marker, each with AdministratorAccess attached
     * (which the operator would detach from a role it believed its own).
     */
    static Map<String, RamInventory.Account> plantDecoys(List<DesiredState> states) {
        Map<Integer, Set<String>> byAccount = new HashMap<>();
        String trust = PolicyDocument.of(Statement.assumeRoleBy(Principal.of(List.of("acs:ram::9999999999999999:root"),
                List.of(), List.of()))).toJson();
        for (DesiredState state : states) {
            for (DesiredRole role : state.roles()) {
                int account = indexOf(role.accountId());
                Client ram = console(account);
                Set<String> decoys = byAccount.computeIfAbsent(account, a -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
                List<String[]> roles = List.of(
                        new String[] {role.roleName() + "x", "made by hand"},
                        new String[] {"old-" + role.roleName(), ""},
                        new String[] {role.roleName() + ".bak", "managed-by ramgrants.io other/"
                                + state.owner().kind() + "/" + state.owner().name()});
                for (String[] decoy : roles) {
                    sdk(() -> ram.createRole(new CreateRoleRequest().setRoleName(decoy[0])
                            .setAssumeRolePolicyDocument(trust).setDescription(decoy[1])));
                    sdk(() -> ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("System")
                            .setPolicyName("AdministratorAccess").setRoleName(decoy[0])));
                    decoys.add(decoy[0]);
                }
                for (DesiredCustomPolicy policy : role.customPolicies()) {
                    String name = policy.policyName() + "-copy";
                    sdk(() -> ram.createPolicy(new CreatePolicyRequest().setPolicyName(name)
                            .setPolicyDocument(policy.document().toJson()).setDescription("made by hand")));
                    decoys.add(name);
                }
            }
        }
        Map<String, RamInventory.Account> planted = new HashMap<>();
        byAccount.forEach((account, names) -> planted.put(Fleet.accountId(account), read(account, names::contains)));
        return planted;
    }

    static void assertDecoysUntouched(Map<String, RamInventory.Account> decoys) {
        decoys.forEach((accountId, before) -> {
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            names.addAll(before.roles().keySet());
            names.addAll(before.policies().keySet());
            assertThat(read(indexOf(accountId), names::contains)).as("unowned look-alikes in %s", accountId)
                    .isEqualTo(before);
        });
    }

    private interface SdkCall {
        Object run() throws Exception;
    }

    private static void sdk(SdkCall call) {
        try {
            call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
