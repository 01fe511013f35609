package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.grant.GrantReasons;
import io.ramgrants.controller.grant.Resync;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, concurrent out-of-band writers: while the operator reconciles, a second client
 * keeps editing the same roles through signed RAM calls (a trust widened, a privilege
 * attached, the needed policy detached, the custom policy rewritten). When it stops, RAM is
 * restored within what a resync promises: {@link #restoredWithin the longest wait for a grant's
 * next pass (the period plus its jitter) and two passes}, each pass within its budget. And every
 * correction is one Kubernetes event: the Normal events since the grants were created equal the
 * operator's own count of drift corrections ({@code ramgrants_drift_corrections_total}).
 */
class OutOfBandWriterTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-oob";
    static final Duration RESYNC = Duration.ofSeconds(2);
    /** How often the test reads RAM while it waits: a convergence is seen up to this (and one read) late. */
    static final Duration POLL = Duration.ofMillis(100);
    /**
     * What one pass may take here: a few RAM calls on loopback and a status write, tens of
     * milliseconds once the JVM is warm. One second is a bucket of the operator's reconcile
     * histogram ({@code ramgrants_reconcile_seconds}), so the test counts exactly the passes over it.
     */
    static final Duration PASS_BUDGET = Duration.ofSeconds(1);
    /** The operator's contract for events: one Normal event per RAM write it made; everything else is a Warning. */
    static final String WRITE_EVENT_TYPE = "Normal";
    static RamEmulator emulator;
    static MockCluster cluster;
    static SimpleMeterRegistry operatorMeters = new SimpleMeterRegistry();
    static final AtomicLong slowestReadNanos = new AtomicLong();

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

    /**
     * The latest RAM can be restored after the writer stopped. A pass may be mid-flight then, having
     * observed RAM before the last edit (at most one {@link #PASS_BUDGET}); it ends converged or
     * retrying, and either way the grant's next pass comes at most {@link Resync#longestWait} later;
     * that pass observes what the writer left and corrects it (one more pass). The test sees it one
     * poll and one read of RAM later. Nothing else waits: no RAM lag or fault is configured here, and
     * no pass waits inside itself for a refusal the writer caused (the test checks the passes kept to
     * their budget: one that waited out the catch-up delays for such a refusal took 7.8 s).
     */
    static Duration restoredWithin(Duration slowestRead) {
        return Resync.longestWait(RESYNC).plus(PASS_BUDGET.multipliedBy(2)).plus(POLL).plus(slowestRead);
    }

    @Test
    void afterTheWriterStopsRamIsRestoredWithinTheLongestResyncWaitAndTwoPassesAndEachCorrectionIsAnEvent()
            throws Exception {
        List<CustomResource<?, GrantStatus>> grants = Fleet.grants(6);
        List<DesiredState> desired = Fleet.desiredStates(grants);
        grants.forEach(cluster::create);
        grants.forEach(cluster::awaitTrue);
        // Every grant is Ready: its roles are created and nothing writes until the writer starts.
        int createEvents = writeEvents(grants).size();
        double correctionsBefore = corrections();
        Passes passesBefore = passes();

        Writer writer = new Writer(desired, new Random(11));
        long until = System.nanoTime() + RESYNC.multipliedBy(2).toNanos();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            while (System.nanoTime() < until) {
                writer.editOnce();
            }
        });
        writing.get();
        long stoppedAt = System.nanoTime();

        // Watched longer than the bound, so that a failure prints how long it really took.
        await("RAM restored after the writer stopped").atMost(RESYNC.multipliedBy(5)).pollInterval(POLL)
                .until(() -> allAccountsMatch(desired));
        Duration converged = Duration.ofNanos(System.nanoTime() - stoppedAt);
        Instant convergedAt = Instant.now();
        Duration bound = restoredWithin(Duration.ofNanos(slowestReadNanos.get()));

        // A pass that found RAM matching and ended after the convergence means that grant has no
        // correction left in flight: passes over one grant never overlap, and each records its events
        // and metrics before its status.
        await("a pass of every grant finding RAM as declared").atMost(Resync.longestWait(RESYNC).multipliedBy(3))
                .pollInterval(POLL).until(() -> grants.stream().allMatch(g -> upToDateAfter(g, convergedAt)));
        List<Event> events = writeEvents(grants);
        long correctionEvents = events.size() - createEvents;
        long corrections = Math.round(corrections() - correctionsBefore);
        Passes passes = passes().since(passesBefore);
        Figures.print("out-of-band", "grants=" + grants.size(), "outOfBandEdits=" + writer.edits.get(),
                "rejectedEdits=" + writer.rejected.get(), "driftCorrections=" + corrections,
                "correctionEvents=" + correctionEvents, "convergedAfterWriterStoppedMs=" + converged.toMillis(),
                "boundMs=" + bound.toMillis(), "passes=" + passes.all(), "passesOverBudget=" + passes.overBudget(),
                "resyncMs=" + RESYNC.toMillis());

        assertThat(passes.overBudget()).as("passes longer than " + PASS_BUDGET + " since the writer started")
                .isZero();
        assertThat(converged).as("RAM restored after the writer stopped").isLessThanOrEqualTo(bound);
        assertThat(writer.edits.get()).as("out-of-band edits RAM accepted").isGreaterThan(10);
        assertThat(corrections).as("drift the operator corrected").isPositive();
        assertThat(correctionEvents).as("one event per drift correction").isEqualTo(corrections);
        List<String> reasons = events.stream().map(Event::getReason).distinct().toList();
        assertThat(reasons).contains("RoleCreated", "TrustPolicyUpdated", "PolicyAttached", "PolicyDetached");
    }

    static boolean allAccountsMatch(List<DesiredState> desired) {
        long started = System.nanoTime();
        try {
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
        } finally {
            slowestReadNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
        }
    }

    static List<Event> writeEvents(List<CustomResource<?, GrantStatus>> grants) {
        return grants.stream().flatMap(g -> cluster.events(g).stream())
                .filter(e -> WRITE_EVENT_TYPE.equals(e.getType())).toList();
    }

    /** The operator's own count of the RAM writes that corrected drift (Manage mode). */
    static double corrections() {
        return operatorMeters.find("ramgrants.drift.corrections").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Passes so far, and how many of them took longer than {@link #PASS_BUDGET}. */
    record Passes(long all, long overBudget) {
        Passes since(Passes before) {
            return new Passes(all - before.all, overBudget - before.overBudget);
        }
    }

    /** From the operator's reconcile histogram, all kinds and results. */
    static Passes passes() {
        long all = 0;
        long withinBudget = 0;
        for (Timer timer : operatorMeters.find("ramgrants.reconcile").timers()) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            all += snapshot.count();
            withinBudget += (long) Arrays.stream(snapshot.histogramCounts())
                    .filter(b -> Math.abs(b.bucket(TimeUnit.MILLISECONDS) - PASS_BUDGET.toMillis()) < 0.001)
                    .findFirst().orElseThrow(() -> new AssertionError("no reconcile bucket at " + PASS_BUDGET))
                    .count();
        }
        return new Passes(all, all - withinBudget);
    }

    static boolean upToDateAfter(CustomResource<?, GrantStatus> grant, Instant instant) {
        CustomResource<?, GrantStatus> current = cluster.get(grant);
        Condition ready = MockCluster.ready(current);
        return ready != null && GrantReasons.UP_TO_DATE.equals(ready.getReason())
                && current.getStatus().lastSyncTime != null
                && Instant.parse(current.getStatus().lastSyncTime).isAfter(instant);
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
