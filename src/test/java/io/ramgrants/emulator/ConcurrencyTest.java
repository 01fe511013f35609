package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One account's state under concurrent calls: no lost writes, no double attachments. */
class ConcurrencyTest {
    private static final String RAM = "2015-05-01";

    private static RawRpc.Reply call(RamEmulator emu, String action, Map<String, String> extra) {
        Map<String, String> p = RawRpc.params(action, RAM, AK_A);
        p.putAll(extra);
        return RawRpc.query(emu, "POST", RawRpc.signed("POST", p, SECRET_A));
    }

    @Test
    void concurrentWritesToOneAccountAreSerialised() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (RamEmulator emu = RamEmulator.start(Fixtures.twoAccounts().build(), 0)) {
            List<Future<RawRpc.Reply>> creates = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "role-" + i;
                creates.add(pool.submit(() -> call(emu, "CreateRole",
                        Map.of("RoleName", name, "AssumeRolePolicyDocument", Fixtures.trustFor(ACCOUNT_A)))));
            }
            for (Future<RawRpc.Reply> f : creates) {
                assertThat(f.get().status()).isEqualTo(200);
            }
            assertThat(call(emu, "ListRoles", Map.of("MaxItems", "1000")).body().path("Roles").path("Role").size()).isEqualTo(40);

            List<Future<RawRpc.Reply>> attaches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attaches.add(pool.submit(() -> call(emu, "AttachPolicyToRole",
                        Map.of("RoleName", "role-0", "PolicyType", "System", "PolicyName", "AliyunDTSRolePolicy"))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<RawRpc.Reply> f : attaches) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
            assertThat(emu.callCounts().get(ACCOUNT_A)).containsEntry("CreateRole", 40L).containsEntry("AttachPolicyToRole", 8L);
        } finally {
            pool.shutdownNow();
        }
    }
}
