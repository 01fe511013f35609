package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.controller.Conditions;
import io.ramgrants.engine.batch.BatchSettings;
import io.ramgrants.engine.batch.ObservationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator in its default {@code auto} observation mode with more of our roles in one
 * account than the threshold: the steady-state resync is served from account listings, far
 * below the per-role path's two calls per role, and an out-of-band edit is still corrected.
 */
class BatchObservationE2eTest {
    private static final int ROLES = 60;
    private static final Duration RESYNC = Duration.ofMillis(1000);
    static GrantOperatorHarness k8s;
    static RamConsole consoleA;
    static final List<DmsAccessRole> grants = new ArrayList<>();

    @BeforeAll
    static void start() {
        k8s = new GrantOperatorHarness(RESYNC, settings -> settings.withObservation(ObservationSettings.defaults()));
        k8s.account("acct-a", A, "LTAI-a", secret("a"), List.of(), List.of(B));
        k8s.awaitAccountReady("acct-a");
        consoleA = new RamConsole(k8s.emulator, "LTAI-a", secret("a"));
        IntStream.range(0, ROLES).forEach(i -> grants.add(
                k8s.create(Grants.dmsAccess(String.format("access-%02d", i), String.format("dms-access-%02d", i),
                        "acct-a", B))));
        await("all grants Ready").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> grants.stream().allMatch(g -> isReady(k8s.get(g))));
    }

    @AfterAll
    static void stop() {
        k8s.close();
    }

    @Test
    void steadyStateResyncCostsAFractionOfACallPerRoleAndDriftIsStillCorrected() {
        assertThat(k8s.operator.observation().batchedAccount(A)).isTrue();
        // A role read within the settle time of its last change is read once more per role; wait
        // until every role just created is past it and has been read again, or the window below
        // measures the settling instead of the steady state (it did, on a loaded CI machine).
        Instant settled = Instant.now().plus(BatchSettings.defaults().settleTime());
        await("settle time passed").atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(settled));
        awaitPasses(2 * ROLES);

        k8s.emulator.resetCounters();
        long before = passes();
        awaitPasses(2 * ROLES); // about two resyncs of every grant
        double passes = passes() - before;
        long calls = total(k8s.calls(A));

        assertThat(calls / passes).as("RAM calls per role and resync (per-role path: 2), calls %s", k8s.calls(A))
                .isLessThan(0.5);
        assertThat(k8s.calls(A)).containsKey("ListRoles").doesNotContainKey("CreateRole");

        String drifted = "dms-access-07";
        String trust = consoleA.trust(drifted).orElseThrow();
        consoleA.updateTrust(drifted, GrantLifecycleE2eTest.trustingAccount(GrantOperatorHarness.TASK));

        await("trust policy restored").atMost(RESYNC.multipliedBy(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> consoleA.trust(drifted).orElseThrow().equals(trust));
        assertThat(k8s.calls(A)).containsKey("UpdateRole");
        k8s.awaitGrant(grants.get(7), g -> g.getStatus().lastDriftCorrection != null
                && g.getStatus().lastDriftCorrection.actions.stream().anyMatch(a -> a.startsWith("UpdateRole")),
                "drift correction in status");
    }

    private static void awaitPasses(int more) {
        long target = passes() + more;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> passes() >= target);
    }

    /** Reconcile passes of DmsAccessRoles so far, whatever their result. */
    private static long passes() {
        return k8s.metrics.registry().find("ramgrants.reconcile").tag("kind", "DmsAccessRole").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean isReady(DmsAccessRole grant) {
        return grant != null && grant.getStatus() != null
                && Conditions.isTrue(grant.getStatus().conditions, Conditions.READY);
    }
}
