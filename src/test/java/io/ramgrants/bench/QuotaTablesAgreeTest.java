package io.ramgrants.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.ram.RamQuotas;
import org.junit.jupiter.api.Test;

/** The client's budgets and the emulator's limits are the same table (the emulator keeps its own copy, standing apart). */
class QuotaTablesAgreeTest {
    @Test
    void clientBudgetsMatchTheEmulatorsQuotas() {
        assertThat(RamQuotas.PER_SECOND).isEqualTo(RamEmulator.ramQuotas());
    }

    @Test
    void lowerBoundIsTheSlowestApiOfTheSlowestAccount() {
        CallLedger ledger = new CallLedger(java.util.Map.of(
                "1", java.util.Map.of("AttachPolicyToRole", 50L, "GetRole", 400L),
                "2", java.util.Map.of("AttachPolicyToRole", 30L, "CreateRole", 100L)));

        assertThat(ledger.lowerBoundSeconds(0, RamEmulator.ramQuotas())).isEqualTo(5.0);
        assertThat(ledger.lowerBoundSeconds(50, RamEmulator.ramQuotas())).isEqualTo(9.0);
    }
}
