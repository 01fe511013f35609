package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.desired.DesiredState;
import io.ramgrants.ram.PolicyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The write intent: before its first RAM write into an account its inventory does not list, a
 * pass hands the inventory with that account (and the names about to be created there) to be
 * persisted; if persisting throws, nothing is written. Nothing is recorded where the inventory
 * already looks, when nothing is written, or in steady state.
 */
class WriteIntentsTest {
    final FakeRam ram = new FakeRam();
    final GrantEngine engine = new GrantEngine(ram);
    final EngineOptions manage = EngineOptions.defaults();
    final List<Inventory> recorded = new ArrayList<>();

    @Test
    void aNewAccountIsRecordedWithTheNamesAboutToBeCreatedBeforeAnyRamWrite() {
        List<Long> writesWhenRecorded = new ArrayList<>();
        EngineResult first = engine.reconcile(GrantEngineRemovalTest.dts("r", A), Inventory.empty(), false, manage,
                inventory -> {
                    writesWhenRecorded.add(ram.writes());
                    recorded.add(inventory);
                });
        assertThat(recorded).containsExactly(Inventory.builder().role(A, "r").build());
        assertThat(writesWhenRecorded).containsExactly(0L);
        assertThat(first.converged()).isTrue();

        // B is new: the intent keeps A as it was and adds B; A is not recorded again.
        recorded.clear();
        engine.reconcile(GrantEngineRemovalTest.dts("r", A, B), first.removals().inventory(), false, manage,
                recorded::add);
        assertThat(recorded).containsExactly(Inventory.builder().role(A, "r").role(B, "r").build());
    }

    @Test
    void customPoliciesAreRecordedWithTheirRole() {
        engine.reconcile(GrantEngineRemovalTest.dms("reg", "reg-policy"), Inventory.empty(), false, manage,
                recorded::add);
        assertThat(recorded).singleElement().satisfies(i -> {
            assertThat(i.roles(A)).containsExactly("reg");
            assertThat(i.policies(A)).containsExactly("reg-policy");
        });
    }

    @Test
    void aFailedRecordMeansNoRamWriteAtAll() {
        assertThatThrownBy(() -> engine.reconcile(GrantEngineRemovalTest.dts("r", A, B), Inventory.empty(), false,
                manage, inventory -> {
                    throw new IllegalStateException("status write refused");
                })).hasMessage("status write refused");
        assertThat(ram.writes()).isZero();
        assertThat(ram.account(A).roles).isEmpty();
    }

    @Test
    void nothingIsRecordedInSteadyStateWhereTheInventoryLooksOrWhenNothingIsWritten() {
        DesiredState desired = GrantEngineRemovalTest.dts("r", A);
        EngineResult first = engine.reconcile(desired, Inventory.empty(), false, manage, WriteIntents.NONE);
        engine.reconcile(desired, first.removals().inventory(), false, manage, recorded::add);
        assertThat(recorded).as("steady state").isEmpty();

        // A drift in an account the inventory lists: corrected without a record.
        ram.account(A).detachOutOfBand("r", PolicyType.System, "AliyunDTSRolePolicy");
        EngineResult corrected = engine.reconcile(desired, first.removals().inventory(), false, manage, recorded::add);
        assertThat(corrected.appliedLines()).isNotEmpty();
        assertThat(recorded).as("account already listed").isEmpty();

        // Observe mode writes nothing, so records nothing.
        engine.reconcile(GrantEngineRemovalTest.dts("r", A, B), first.removals().inventory(), false,
                EngineOptions.defaults().withMode(ManagementMode.OBSERVE), recorded::add);
        assertThat(recorded).as("Observe mode").isEmpty();
    }
}
