package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.ListPolicyVersionsRequest;
import com.aliyun.ram20150501.models.ListPolicyVersionsResponseBody.ListPolicyVersionsResponseBodyPolicyVersionsPolicyVersion;
import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.FaultSettings;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lost replies: a quarter of RAM writes take effect but their caller is answered 503/500
 * (plus 15 % throttling), so the gateway's retry meets its own committed write. 50 grants over
 * 5 accounts are created, then every custom policy's document changes (CreatePolicyVersion is
 * not idempotent), then everything is deleted. After each phase RAM holds exactly what the
 * desired states say: no duplicate role, no stray copy of a policy version, no orphan, and a
 * further pass plans nothing.
 */
class LostReplyChaosTest {
    static final int GRANTS = 50;
    static final String MARK = "SECRET-DO-NOT-LEAK-lostreply";
    static final FaultSettings FAULTS = new FaultSettings(0.15, 0.0, 0, 0.25);
    static RamEmulator emulator;
    /** Lost replies and throttles of every phase: the resync checks reset the emulator's counters. */
    static final Map<String, Long> lostByAction = new java.util.TreeMap<>();
    static long faultsInjected;

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK)
                .faultThrottle(FAULTS.throttle()).faultLostReply(FAULTS.lostReply())
                .seed(20240917L).threads(4).build(), 0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void grantsConvergeChangeAndVanishWhenWriteRepliesAreLost() {
        long started = System.nanoTime();
        EmulatorGateways gateways = new EmulatorGateways(emulator, MARK);
        GrantEngine engine = new GrantEngine(gateways);

        List<CustomResource<?, GrantStatus>> grants = Fleet.grants(GRANTS);
        List<DesiredState> created = Fleet.desiredStates(grants);
        int createPasses = ChaosConvergenceTest.convergeWithin(10, engine, created);
        assertExactly(created, policy -> 1);
        assertNextPassWritesNothing(engine, created);

        List<DesiredState> changed = Fleet.desiredStates(withChangedPolicies(grants));
        assertThat(customPolicies(changed)).as("the change touches custom policies").hasSizeGreaterThan(5);
        int changePasses = ChaosConvergenceTest.convergeWithin(10, engine, changed);
        // A policy that existed before the change has two versions; one the change brought in (a type set that
        // needed none before, e.g. RDS MySQL alone) has one.
        java.util.Set<String> existedBefore = new java.util.HashSet<>();
        customPolicies(created).forEach(custom -> existedBefore.add(custom.policyName()));
        assertExactly(changed, policy -> existedBefore.contains(policy) ? 2 : 1);
        assertNextPassWritesNothing(engine, changed);

        int deletePasses = deleteWithin(10, engine, changed);
        emulator.setFaults(FaultSettings.NONE);
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            assertThat(RamInventory.read(client(i))).as("account %s after deletion", Fleet.accountId(i))
                    .isEqualTo(new RamInventory.Account(Map.of(), Map.of()));
        }

        tally();
        long lost = lostByAction.values().stream().mapToLong(Long::longValue).sum();
        long throttled = gateways.attempts("throttled");
        long transientFailures = gateways.attempts("transient");
        assertThat(lost).as("lost replies were really injected").isGreaterThan(30);
        assertThat(lostByAction.getOrDefault("CreatePolicyVersion", 0L)).as("lost CreatePolicyVersion replies")
                .isPositive();
        Figures.print("lost-reply", "grants=" + GRANTS, "roles=" + Figures.roles(created),
                "faultsInjected=" + faultsInjected, "lostReplies=" + lost + " " + lostByAction,
                "throttledAttempts=" + throttled, "serverErrorAttempts=" + transientFailures,
                "passes(create,change,delete)=" + createPasses + "," + changePasses + "," + deletePasses,
                "ms=" + (System.nanoTime() - started) / 1_000_000);
    }

    /** Every DMS registration grant asks for another set of database types: a new policy document. */
    private static List<CustomResource<?, GrantStatus>> withChangedPolicies(List<CustomResource<?, GrantStatus>> grants) {
        List<CustomResource<?, GrantStatus>> changed = new ArrayList<>();
        for (CustomResource<?, GrantStatus> grant : grants) {
            if (grant instanceof DmsRegistrationRole registration) {
                changed.add(Fleet.dmsRegistration(registration.getMetadata().getName(),
                        registration.getSpec().roleName, indexOf(registration.getSpec().ownerAccountRef.name),
                        indexOf(registration.getSpec().dmsAccountId),
                        List.of(DatabaseType.RdsMySQL, DatabaseType.Redis, DatabaseType.RdsPostgreSQL)));
            } else {
                changed.add(grant);
            }
        }
        return changed;
    }

    private static int indexOf(String accountNameOrId) {
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            if (Fleet.accountName(i).equals(accountNameOrId) || Fleet.accountId(i).equals(accountNameOrId)) {
                return i;
            }
        }
        throw new IllegalArgumentException(accountNameOrId);
    }

    /**
     * Roles, trust, descriptions, attachments and default documents as desired; every custom policy
     * has exactly {@code versions(policyName)} versions (its history: one per document it had), the default
     * one ours, and no non-default version repeats the default document.
     */
    private static void assertExactly(List<DesiredState> desired, java.util.function.ToIntFunction<String> versions) {
        FaultSettings faults = emulator.faults();
        emulator.setFaults(FaultSettings.NONE);
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            RamInventory.Account actual = RamInventory.read(client(i));
            assertThat(actual.withoutVersionCounts()).as("account %s", Fleet.accountId(i))
                    .isEqualTo(RamInventory.expected(desired, Fleet.accountId(i)).withoutVersionCounts());
            for (DesiredCustomPolicy custom : customPolicies(desired)) {
                if (!accountOf(desired, custom).equals(Fleet.accountId(i))) {
                    continue;
                }
                List<ListPolicyVersionsResponseBodyPolicyVersionsPolicyVersion> listed = versions(client(i), custom);
                assertThat(listed).as("versions of %s", custom.policyName()).hasSize(versions.applyAsInt(custom.policyName()));
                long copiesOfDesired = listed.stream()
                        .filter(v -> PolicyDocument.parse(v.getPolicyDocument()).equals(custom.document())).count();
                assertThat(copiesOfDesired).as("versions of %s holding the desired document", custom.policyName())
                        .isEqualTo(1);
                assertThat(listed).filteredOn(v -> Boolean.TRUE.equals(v.getIsDefaultVersion())).singleElement()
                        .matches(v -> PolicyDocument.parse(v.getPolicyDocument()).equals(custom.document()),
                                "the default is the desired document");
            }
        }
        emulator.setFaults(faults);
    }

    private static void assertNextPassWritesNothing(GrantEngine engine, List<DesiredState> desired) {
        FaultSettings faults = emulator.faults();
        emulator.setFaults(FaultSettings.NONE);
        tally();
        emulator.resetCounters();
        for (DesiredState state : desired) {
            EngineResult resync = engine.reconcile(state, EngineOptions.defaults());
            assertThat(resync.plan().isEmpty()).as("resync of %s plans nothing", state.owner()).isTrue();
        }
        assertThat(Figures.writes(emulator.callCounts())).as("RAM writes during the resync").isZero();
        emulator.setFaults(faults);
    }

    private static int deleteWithin(int maxPasses, GrantEngine engine, List<DesiredState> desired) {
        List<DesiredState> pending = new ArrayList<>(desired);
        int pass = 0;
        while (!pending.isEmpty() && pass < maxPasses) {
            pass++;
            List<DesiredState> stillPending = new ArrayList<>();
            for (DesiredState state : pending) {
                if (!engine.delete(state, EngineOptions.defaults()).converged()) {
                    stillPending.add(state);
                }
            }
            pending = stillPending;
        }
        assertThat(pending).as("grants not deleted after %d passes", pass).isEmpty();
        return pass;
    }

    private static List<DesiredCustomPolicy> customPolicies(List<DesiredState> desired) {
        return desired.stream().flatMap(s -> s.roles().stream()).flatMap(r -> r.customPolicies().stream()).toList();
    }

    private static String accountOf(List<DesiredState> desired, DesiredCustomPolicy custom) {
        return desired.stream().flatMap(s -> s.roles().stream()).filter(r -> r.customPolicies().contains(custom))
                .map(DesiredRole::accountId).findFirst().orElseThrow();
    }

    private static List<ListPolicyVersionsResponseBodyPolicyVersionsPolicyVersion> versions(Client ram,
                                                                                          DesiredCustomPolicy custom) {
        try {
            return ram.listPolicyVersions(new ListPolicyVersionsRequest().setPolicyType("Custom")
                    .setPolicyName(custom.policyName())).getBody().getPolicyVersions().getPolicyVersion();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Client client(int i) {
        return RamInventory.client(emulator, Fleet.accessKeyId(i), Fleet.accessKeySecret(MARK, i));
    }

    private static void tally() {
        faultsInjected += Figures.total(emulator.faultCounts());
        emulator.lostReplyCounts().values().forEach(actions -> actions.forEach((action, n) ->
                lostByAction.merge(action, n, Long::sum)));
    }
}
