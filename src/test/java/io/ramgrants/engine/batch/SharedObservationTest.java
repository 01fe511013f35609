package io.ramgrants.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.GrantEngine;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SharedObservationTest {
    private static final EngineOptions MANAGE = EngineOptions.defaults();
    private final List<DesiredRole> roles = IntStream.range(0, 4).mapToObj(i -> BatchHarness.dtsRole("r" + i)).toList();

    @Test
    void autoObservesPerRoleBelowTheThresholdAndInBatchFromIt() {
        try (BatchHarness ram = new BatchHarness()) {
            SharedObservation observation = new SharedObservation(
                    ObservationSettings.defaults().withAutoThreshold(3), BatchHarness.RESYNC, ram.clock);
            reconcileEach(observation, ram, roles.subList(0, 2));
            assertThat(observation.batchedAccount(BatchHarness.A)).isFalse();
            ram.nextResync();
            ram.emulator.resetCounters();
            reconcileEach(observation, ram, roles.subList(0, 2));
            assertThat(ram.calls()).containsOnlyKeys("GetRole", "ListPoliciesForRole");

            reconcileEach(observation, ram, roles);
            assertThat(observation.batchedAccount(BatchHarness.A)).isTrue();
            ram.nextResync();
            reconcileEach(observation, ram, roles); // fills the batch cache
            ram.nextResync();
            ram.emulator.resetCounters();
            reconcileEach(observation, ram, roles);
            assertThat(ram.calls()).containsOnlyKeys("ListRoles", "ListEntitiesForPolicy");
        }
    }

    @Test
    void perRoleNeverListsAndBatchListsFromTheFirstRole() {
        try (BatchHarness ram = new BatchHarness()) {
            SharedObservation perRole = new SharedObservation(ObservationSettings.perRole(), BatchHarness.RESYNC,
                    ram.clock);
            SharedObservation batch = new SharedObservation(
                    ObservationSettings.defaults().withMode(ObservationMode.BATCH), BatchHarness.RESYNC, ram.clock);
            reconcileEach(perRole, ram, roles);
            assertThat(ram.calls()).doesNotContainKey("ListRoles");
            assertThat(perRole.batchedAccount(BatchHarness.A)).isFalse();

            ram.nextResync();
            reconcileEach(batch, ram, roles.subList(0, 1));
            assertThat(ram.calls()).containsKey("ListRoles");
            assertThat(batch.cachedRoles()).isEqualTo(1);
        }
    }

    @Test
    void theEnginesWritesInvalidateTheSharedCache() {
        try (BatchHarness ram = new BatchHarness()) {
            SharedObservation observation = new SharedObservation(
                    ObservationSettings.defaults().withMode(ObservationMode.BATCH), BatchHarness.RESYNC, ram.clock);
            reconcileEach(observation, ram, roles); // creates the roles: every write drops the entry
            assertThat(observation.cachedRoles()).isZero();
            ram.nextResync();
            reconcileEach(observation, ram, roles);
            assertThat(observation.cachedRoles()).isEqualTo(roles.size());
        }
    }

    @Test
    void listingsAreReusedForHalfAResyncAtMostAMinute() {
        ObservationSettings settings = ObservationSettings.defaults().withFullSweepPeriod(Duration.ofHours(2));
        assertThat(settings.batchSettings(Duration.ofSeconds(1)).maxSnapshotAge()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.batchSettings(Duration.ofMinutes(10)).maxSnapshotAge()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.batchSettings(Duration.ofMinutes(10)).sweepInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(ObservationMode.parse("per-role")).isEqualTo(ObservationMode.PER_ROLE);
        assertThat(ObservationMode.PER_ROLE.flagValue()).isEqualTo("per-role");
    }

    /** One pass per role, as one grant per role would get: each pass its own engine. */
    private static void reconcileEach(SharedObservation observation, BatchHarness ram, List<DesiredRole> roles) {
        for (DesiredRole role : roles) {
            GrantEngine engine = observation.engine(ram.gateways);
            assertThat(engine.reconcile(List.of(role), MANAGE).converged()).isTrue();
        }
    }
}
