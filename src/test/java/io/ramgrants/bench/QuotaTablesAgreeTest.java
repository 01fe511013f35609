package io.ramgrants.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.ram.RamQuotas;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The client's budgets against the emulator's quota table, which is transcribed from RAM's
 * published quota page (a resource file of the emulator, no operator code): a wrong number in
 * {@link RamQuotas} fails here instead of being copied into a second table.
 */
class QuotaTablesAgreeTest {
    @Test
    void everyDocumentedQuotaIsTheClientsBudget() {
        Map<String, Integer> documented = RamEmulator.documentedQuotas();
        assertThat(documented).as("the documented rows").containsEntry("AttachPolicyToRole", 10)
                .containsEntry("GetRole", 100).containsEntry("CreateRole", 20).hasSizeGreaterThan(10);
        documented.forEach((action, perSecond) -> assertThat(RamQuotas.perSecond(action))
                .as("budget for %s, documented at %d/s", action, perSecond).isEqualTo(perSecond));
    }

    @Test
    void everyActionTheClientBudgetsIsInTheTableAndOnlyTheUndocumentedOnesAreAssumed() {
        assertThat(RamQuotas.PER_SECOND).isEqualTo(RamEmulator.ramQuotas());
        Set<String> assumed = new TreeSet<>(RamQuotas.PER_SECOND.keySet());
        assumed.removeAll(RamEmulator.documentedQuotas().keySet());
        assertThat(assumed).as("budgets no published page backs; keep this list short")
                .containsExactly("AssumeRoleWithOIDC", "GetCallerIdentity", "GetPolicy", "ListPolicyVersions",
                        "ListRoles", "SetDefaultPolicyVersion", "UpdateRole");
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
