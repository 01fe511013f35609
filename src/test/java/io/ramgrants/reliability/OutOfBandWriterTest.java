package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, concurrent out-of-band writers: while the operator reconciles, a second client
 * keeps editing the same roles through signed RAM calls (a trust widened, a privilege
 * attached, the needed policy detached, the custom policy rewritten). When it stops, the
 * operator converges within one resync, and there is one Kubernetes event per correction.
 */
class OutOfBandWriterTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-oob";
    static final Duration RESYNC = Duration.ofSeconds(2);
    /** The operator's contract for events: one Normal event per RAM write it made; everything else is a Warning. */
    static final String WRITE_EVENT_TYPE = "Normal";
    static RamEmulator emulator;
    static MockCluster cluster;
    static SimpleMeterRegistry operatorMeters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK).threads(4).build(), 0);
        cluster = new MockCluster();
        cluster.startOperator(MockCluster.settings(new OperatorMetrics(operatorMeters), RESYNC));
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            cluster.fleetAccount(i, emulator.endpoint(), MARK);
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
        emulator.close();
    }

    @Test
    void afterTheWriterStopsOneResyncRestoresEverythingAndEachCorrectionIsAnEvent() throws Exception {
        List<CustomResource<?, GrantStatus>> grants = Fleet.grants(6);
        List<DesiredState> desired = Fleet.desiredStates(grants);
        grants.forEach(cluster::create);
        grants.forEach(cluster::awaitTrue);

        Writer writer = new Writer(desired, new Random(11));
        long until = System.nanoTime() + RESYNC.multipliedBy(2).toNanos();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            while (System.nanoTime() < until) {
                writer.editOnce();
            }
        });
        writing.get();
        long stoppedAt = System.nanoTime();

        // One resync is the promise; the deadline leaves room for a pass that was mid-flight (with
        // RAM retries) when the writer stopped, on a loaded 2-core machine. The measured time is printed.
        await("RAM restored after the writer stopped").atMost(RESYNC.multipliedBy(6))
                .pollInterval(Duration.ofMillis(100)).until(() -> allAccountsMatch(desired));
        long convergedMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        await("events for the operator's writes").atMost(Duration.ofSeconds(10))
                .until(() -> writeEvents(grants).size() >= operatorWrites());
        assertThat(writeEvents(grants)).as("one event per RAM write of the operator").hasSize((int) operatorWrites());

        assertThat(writer.edits.get()).as("out-of-band edits RAM accepted").isGreaterThan(10);
        List<String> reasons = writeEvents(grants).stream().map(Event::getReason).distinct().toList();
        assertThat(reasons).contains("RoleCreated", "TrustPolicyUpdated", "PolicyAttached", "PolicyDetached");
        Figures.print("out-of-band", "grants=" + grants.size(), "outOfBandEdits=" + writer.edits.get(),
                "rejectedEdits=" + writer.rejected.get(), "operatorWrites=" + operatorWrites(),
                "writeEvents=" + writeEvents(grants).size(), "convergedAfterWriterStoppedMs=" + convergedMs,
                "resyncMs=" + RESYNC.toMillis());
    }

    static boolean allAccountsMatch(List<DesiredState> desired) {
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            Set<String> ours = RestartTest.namesIn(desired, Fleet.accountId(i));
            RamInventory.Account actual = RamInventory.read(RamInventory.client(emulator, Fleet.accessKeyId(i),
                    Fleet.accessKeySecret(MARK, i)), ours::contains);
            if (!actual.withoutVersionCounts().equals(RamInventory.expected(desired, Fleet.accountId(i))
                    .withoutVersionCounts())) {
                return false;
            }
        }
        return true;
    }

    static List<Event> writeEvents(List<CustomResource<?, GrantStatus>> grants) {
        return grants.stream().flatMap(g -> cluster.events(g).stream())
                .filter(e -> WRITE_EVENT_TYPE.equals(e.getType())).toList();
    }

    /**
     * Writes the operator completed: accepted calls, plus those the plan executor counts as done
     * because the racing writer got there first (an attach answered "already exists", a detach
     * or delete answered "not found"); each of them is reported with an event too.
     */
    static long operatorWrites() {
        return operatorMeters.find("ramgrants.ram.calls").timers().stream()
                .filter(t -> Figures.WRITE_ACTIONS.contains(t.getId().getTag("action")))
                .filter(t -> completed(t.getId().getTag("action"), t.getId().getTag("result")))
                .mapToLong(Timer::count).sum();
    }

    private static boolean completed(String action, String result) {
        return "ok".equals(result)
                || ("already_exists".equals(result) && action.startsWith("Attach"))
                || ("not_found".equals(result) && (action.startsWith("Detach") || action.startsWith("Delete")));
    }

    /** A person (or a script) editing the operator's roles with the account's own key. */
    static final class Writer {
        final AtomicLong edits = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        private final List<DesiredState> desired;
        private final Random random;
        private final java.util.Map<Integer, Client> clients = new java.util.HashMap<>();
        private final String foreignTrust = PolicyDocument.of(Statement.assumeRoleBy(io.ramgrants.policy.Principal.of(
                List.of("acs:ram::9999999999999999:root"), List.of(), List.of()))).toJson();

        Writer(List<DesiredState> desired, Random random) {
            this.desired = desired;
            this.random = random;
        }

        void editOnce() {
            DesiredRole role = desired.get(random.nextInt(desired.size())).roles().get(0);
            int account = RestartTest.indexOf(role.accountId());
            Client ram = clients.computeIfAbsent(account, a -> RamInventory.client(emulator, Fleet.accessKeyId(a),
                    Fleet.accessKeySecret(MARK, a)));
            try {
                switch (random.nextInt(4)) {
                    case 0 -> ram.updateRole(new UpdateRoleRequest().setRoleName(role.roleName())
                            .setNewAssumeRolePolicyDocument(foreignTrust));
                    case 1 -> ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("System")
                            .setPolicyName("AdministratorAccess").setRoleName(role.roleName()));
                    case 2 -> {
                        String policy = role.customPolicies().isEmpty() ? role.systemPolicies().iterator().next()
                                : role.customPolicies().get(0).policyName();
                        ram.detachPolicyFromRole(new DetachPolicyFromRoleRequest().setRoleName(role.roleName())
                                .setPolicyType(role.customPolicies().isEmpty() ? "System" : "Custom")
                                .setPolicyName(policy));
                    }
                    default -> {
                        if (role.customPolicies().isEmpty()) {
                            return;
                        }
                        ram.createPolicyVersion(new CreatePolicyVersionRequest()
                                .setPolicyName(role.customPolicies().get(0).policyName()).setSetAsDefault(true)
                                .setRotateStrategy("DeleteOldestNonDefaultVersionWhenLimitExceeded")
                                .setPolicyDocument(PolicyDocument.of(Statement.allow(List.of("*"), List.of("*")))
                                        .toJson()));
                    }
                }
                edits.incrementAndGet();
            } catch (Exception e) {
                rejected.incrementAndGet();
            }
        }
    }
}
