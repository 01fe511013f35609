package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.FaultSettings;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.GrantEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, chaos at the engine: 50 grants over 5 accounts while RAM throttles 30% and fails
 * 10% of calls (seeded, so every run sees the same fault stream), each call 1 ms slower.
 * Afterwards every account holds exactly the union of the desired states, and another pass
 * plans and writes nothing.
 */
class ChaosConvergenceTest {
    static final int GRANTS = 50;
    static final String MARK = "SECRET-DO-NOT-LEAK-chaos";
    static final FaultSettings CHAOS = new FaultSettings(0.30, 0.10, 1);
    static RamEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK)
                .faultThrottle(CHAOS.throttle()).fault5xx(CHAOS.serverError()).latencyMs(CHAOS.latencyMs())
                .seed(20240601L).threads(4).build(), 0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void fiftyGrantsConvergeUnderThrottlingAndServerErrorsAndThenPlanNothing() {
        long started = System.nanoTime();
        List<CustomResource<?, GrantStatus>> grants = Fleet.grants(GRANTS);
        List<DesiredState> desired = Fleet.desiredStates(grants);
        EmulatorGateways gateways = new EmulatorGateways(emulator, MARK);
        GrantEngine engine = new GrantEngine(gateways);

        int passes = convergeWithin(10, engine, desired);

        long faults = Figures.total(emulator.faultCounts());
        long throttled = gateways.attempts("throttled");
        long transientFailures = gateways.attempts("transient");
        assertThat(faults).as("faults were really injected").isGreaterThan(50);
        emulator.setFaults(FaultSettings.NONE);
        for (int i = 0; i < Fleet.ACCOUNTS; i++) {
            assertThat(RamInventory.read(RamInventory.client(emulator, Fleet.accessKeyId(i),
                    Fleet.accessKeySecret(MARK, i))))
                    .as("account %s holds exactly the desired roles, attachments and policies", Fleet.accountId(i))
                    .isEqualTo(RamInventory.expected(desired, Fleet.accountId(i)));
        }

        emulator.resetCounters();
        for (DesiredState state : desired) {
            EngineResult resync = engine.reconcile(state, EngineOptions.defaults());
            assertThat(resync.plan().isEmpty()).as("resync of %s plans nothing", state.owner()).isTrue();
            assertThat(resync.converged()).isTrue();
        }
        assertThat(Figures.writes(emulator.callCounts())).as("RAM writes during the resync").isZero();

        Figures.print("chaos-engine", "grants=" + GRANTS, "roles=" + Figures.roles(desired),
                "faultsInjected=" + faults, "throttledAttempts=" + throttled, "serverErrorAttempts=" + transientFailures,
                "passes=" + passes, "ms=" + (System.nanoTime() - started) / 1_000_000);
        emulator.setFaults(CHAOS);
    }

    /** Reconciles every grant until all converged; a pass that gave up after retries is simply run again. */
    static int convergeWithin(int maxPasses, GrantEngine engine, List<DesiredState> desired) {
        List<DesiredState> pending = new ArrayList<>(desired);
        int pass = 0;
        while (!pending.isEmpty() && pass < maxPasses) {
            pass++;
            List<DesiredState> stillPending = new ArrayList<>();
            for (DesiredState state : pending) {
                EngineResult result = engine.reconcile(state, EngineOptions.defaults());
                assertThat(result.conflicts()).as("conflicts of %s", state.owner()).isEmpty();
                if (!result.converged()) {
                    stillPending.add(state);
                }
            }
            pending = stillPending;
        }
        assertThat(pending).as("grants not converged after %d passes", pass).isEmpty();
        return pass;
    }
}
