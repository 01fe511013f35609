package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.emulator.FaultSettings;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.PolicyVersion;
import io.ramgrants.ram.RamGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RAM refuses a sixth policy version with the same {@code LimitExceeded.Policy.Version} while it
 * still counts a version the pass just deleted (catching up: worth waiting for) and when someone
 * else filled that slot since the observation (stale: waiting cannot help). The executor tells the
 * two apart by RAM's listing, against the emulator.
 */
class PlanExecutorTest {
    static final String POLICY = "ramgrants-versions";
    final List<Duration> waits = new ArrayList<>();
    EmulatorHarness harness;
    RamGateway ram;
    PlanExecutor executor;

    @BeforeEach
    void start() {
        harness = new EmulatorHarness();
        ram = harness.gatewayFor(A);
        executor = new PlanExecutor(harness, PlanExecutor.CATCH_UP_DELAYS, d -> {
            waits.add(d);
            Thread.sleep(d.toMillis());
        });
        ram.createPolicy(POLICY, document("ram:GetRole"), "test");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static String document(String action) {
        return "{\"Statement\":[{\"Action\":\"" + action + "\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"1\"}";
    }

    void addVersions(int count) {
        for (int i = 0; i < count; i++) {
            ram.createPolicyVersion(POLICY, document("ram:ListRoles" + i), false);
        }
    }

    static Plan plan(PlannedAction... actions) {
        return new Plan(List.of(new RolePlan(A, "some-role", List.of(actions))));
    }

    @Test
    void aSlotFilledOutOfBandSinceTheObservationStopsThePassAtOnceForTheNextToReObserve() {
        addVersions(3); // four versions observed: room for the new default without pruning
        PlannedAction create = new PlannedAction.CreatePolicyVersion(A, POLICY, document("ram:*"), true);
        addVersions(1); // someone else takes the fifth slot before the pass applies

        ExecutionOutcome outcome = executor.execute(plan(create));

        assertThat(outcome.staleAt()).contains(create);
        assertThat(outcome.failure()).isEmpty();
        assertThat(waits).as("no catch-up wait for a call that can only be refused again").isEmpty();
        assertThat(ram.listPolicyVersions(PolicyType.Custom, POLICY)).hasSize(5)
                .noneMatch(v -> v.document() != null && v.document().contains("ram:*"));
    }

    @Test
    void aVersionRamStillCountsAfterOurDeleteIsWaitedForAndTheNewDefaultCreated() {
        addVersions(4);
        PolicyVersion oldest = ram.listPolicyVersions(PolicyType.Custom, POLICY).stream()
                .filter(v -> !v.isDefault()).findFirst().orElseThrow();
        // RAM still counts a deleted version for a while, up to a second (the consistency-lag model, seeded).
        harness.emulator.setFaults(FaultSettings.NONE.withConsistencyLag(Duration.ofSeconds(1)));

        ExecutionOutcome outcome = executor.execute(plan(
                new PlannedAction.DeletePolicyVersion(A, POLICY, oldest.versionId()),
                new PlannedAction.CreatePolicyVersion(A, POLICY, document("ram:*"), true)));

        assertThat(outcome.completed()).as(outcome.toString()).isTrue();
        assertThat(outcome.applied()).hasSize(2);
        assertThat(waits).as("RAM was still catching up when the create came").isNotEmpty();
        assertThat(ram.listPolicyVersions(PolicyType.Custom, POLICY)).hasSize(5);
        System.out.println("plan executor: waited " + waits + " for RAM to stop counting the deleted version");
    }
}
