package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Injected faults, flow control, counters and the admin surface. */
class FaultsTest {
    private static final String STS = "2015-04-01";

    private static RawRpc.Reply callerIdentity(RamEmulator emu) {
        return RawRpc.query(emu, "POST", RawRpc.signed("POST", RawRpc.params("GetCallerIdentity", STS, AK_A), SECRET_A));
    }

    private static List<String> outcomes(EmulatorConfig config, int calls) {
        try (RamEmulator emu = RamEmulator.start(config, 0)) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                RawRpc.Reply r = callerIdentity(emu);
                out.add(r.status() + (r.code() == null ? "" : " " + r.code()));
            }
            long served = emu.callCounts().getOrDefault(ACCOUNT_A, Map.of()).getOrDefault("GetCallerIdentity", 0L);
            long faulted = emu.faultCounts().getOrDefault(ACCOUNT_A, Map.of()).getOrDefault("GetCallerIdentity", 0L);
            assertThat(served).isEqualTo(out.stream().filter(o -> o.equals("200")).count());
            assertThat(served + faulted).isEqualTo(calls);
            return out;
        }
    }

    @Test
    void faultsAreReproducibleWithASeed() {
        EmulatorConfig config = Fixtures.twoAccounts().faultThrottle(0.3).fault5xx(0.3).seed(42L).build();
        List<String> first = outcomes(config, 30);
        assertThat(outcomes(config, 30)).isEqualTo(first);
        assertThat(first).contains("200", "400 Throttling.User").anyMatch(o -> o.equals("503 ServiceUnavailable")
                || o.equals("500 InternalError"));
        assertThat(outcomes(Fixtures.twoAccounts().faultThrottle(0.3).fault5xx(0.3).seed(43L).build(), 30)).isNotEqualTo(first);
    }

    @Test
    void theAdminSurfaceAddsRamUsersAndSetsTheConsistencyLag() throws Exception {
        try (RamEmulator emu = RamEmulator.start(Fixtures.twoAccounts().build(), 0)) {
            RawRpc.Reply added = RawRpc.post(emu, "_emulator/users", "{\"accountId\":\"" + ACCOUNT_A + "\","
                    + "\"userName\":\"ci\",\"accessKeyId\":\"AKID-CI\",\"accessKeySecret\":\"ci-secret-never-echoed\","
                    + "\"systemPolicies\":[\"AliyunRAMReadOnlyAccess\"]}");
            assertThat(added.status()).isEqualTo(200);
            assertThat(added.body().toString()).contains("AKID-CI").doesNotContain("ci-secret-never-echoed");
            var id = Sdk.sts(emu, "AKID-CI", "ci-secret-never-echoed", null).getCallerIdentity().body;
            assertThat(id.identityType).isEqualTo("RAMUser");
            assertThat(id.arn).isEqualTo("acs:ram::" + ACCOUNT_A + ":user/ci");
            assertThat(RawRpc.post(emu, "_emulator/users", "{\"accountId\":\"" + ACCOUNT_A + "\",\"userName\":\"ci\","
                    + "\"accessKeyId\":\"AKID-CI-2\",\"accessKeySecret\":\"s\"}").status()).as("user exists").isEqualTo(400);
            assertThat(RawRpc.post(emu, "_emulator/users", "{\"accountId\":\"x\"}").status()).isEqualTo(400);

            assertThat(RawRpc.post(emu, "_emulator/faults", "{\"consistencyLagMs\":1500}").status()).isEqualTo(200);
            assertThat(emu.faults().consistencyLagMs()).isEqualTo(1500L);
            assertThat(RawRpc.post(emu, "_emulator/faults", "{\"consistencyLagMs\":-1}").status()).isEqualTo(400);
        }
    }

    @Test
    void faultsChangeAtRuntimeAndFaultedCallsChangeNothing() {
        try (RamEmulator emu = RamEmulator.start(Fixtures.twoAccounts().build(), 0)) {
            emu.setFaults(new FaultSettings(1.0, 0, 0));
            Map<String, String> create = RawRpc.params("CreateRole", "2015-05-01", AK_A);
            create.put("RoleName", "never");
            create.put("AssumeRolePolicyDocument", Fixtures.trustFor(ACCOUNT_A));
            assertThat(RawRpc.query(emu, "GET", RawRpc.signed("GET", create, SECRET_A)).code()).isEqualTo("Throttling.User");
            assertThat(emu.faultCounts()).isEqualTo(Map.of(ACCOUNT_A, Map.of("CreateRole", 1L)));

            RawRpc.Reply updated = RawRpc.post(emu, "_emulator/faults", "{\"throttle\":0,\"serverError\":1}");
            assertThat(updated.status()).isEqualTo(200);
            assertThat(emu.faults()).isEqualTo(new FaultSettings(0, 1, 0));
            assertThat(callerIdentity(emu).status()).isIn(500, 503);

            emu.setFaults(new FaultSettings(0, 0, 30));
            long start = System.nanoTime();
            Map<String, String> get = RawRpc.params("GetRole", "2015-05-01", AK_A);
            get.put("RoleName", "never");
            assertThat(RawRpc.query(emu, "GET", RawRpc.signed("GET", get, SECRET_A)).code()).isEqualTo("EntityNotExist.Role");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void adminSurfaceReportsAndResetsCounters() {
        try (RamEmulator emu = RamEmulator.start(Fixtures.twoAccounts().build(), 0)) {
            callerIdentity(emu);
            emu.setFaults(new FaultSettings(1.0, 0, 0));
            callerIdentity(emu);
            emu.setFaults(new FaultSettings(0, 1.0, 0));
            callerIdentity(emu);
            RawRpc.Reply calls = RawRpc.get(emu, "_emulator/calls");
            assertThat(calls.status()).isEqualTo(200);
            assertThat(calls.body().path(ACCOUNT_A).path("GetCallerIdentity").asLong()).isEqualTo(1);
            assertThat(calls.body().path(ACCOUNT_A).path("GetCallerIdentity#throttled").asLong()).isEqualTo(1);
            assertThat(calls.body().path(ACCOUNT_A).path("GetCallerIdentity#5xx").asLong()).isEqualTo(1);
            assertThat(emu.faultCounts()).isEqualTo(Map.of(ACCOUNT_A, Map.of("GetCallerIdentity", 2L)));

            assertThat(RawRpc.post(emu, "_emulator/calls/reset", "").status()).isEqualTo(200);
            assertThat(RawRpc.get(emu, "_emulator/calls").body().isEmpty()).isTrue();
            assertThat(RawRpc.post(emu, "_emulator/faults", "{\"throttle\":2}").status()).isEqualTo(400);
            assertThat(RawRpc.post(emu, "_emulator/faults", "not json").status()).isEqualTo(400);
            assertThat(RawRpc.get(emu, "_emulator/nothing").status()).isEqualTo(404);
            assertThat(RawRpc.get(emu, "_emulator/faults").body().path("serverError").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void perAccountRateThrottlesTheExcess() {
        // A bucket of one call that refills once in 1000 s: the second call is always over the rate.
        try (RamEmulator emu = RamEmulator.start(Fixtures.twoAccounts().rate(0.001).build(), 0)) {
            assertThat(callerIdentity(emu).status()).isEqualTo(200);
            RawRpc.Reply second = callerIdentity(emu);
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.code()).isEqualTo("Throttling.User");
            assertThat(emu.faultCounts()).isEqualTo(Map.of(ACCOUNT_A, Map.of("GetCallerIdentity", 1L)));
            Map<String, String> otherAccount = RawRpc.params("GetCallerIdentity", STS, Fixtures.AK_B);
            assertThat(RawRpc.query(emu, "POST", RawRpc.signed("POST", otherAccount, Fixtures.SECRET_B)).status()).isEqualTo(200);
        }
    }

    @Test
    void ramQuotasArePerAccountAndApi() {
        long[] now = {0};
        RateLimits limits = new RateLimits(0, true, () -> now[0]);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryAcquire(ACCOUNT_A, "AttachPolicyToRole")).isTrue();
        }
        assertThat(limits.tryAcquire(ACCOUNT_A, "AttachPolicyToRole")).isFalse();
        assertThat(limits.tryAcquire(Fixtures.ACCOUNT_B, "AttachPolicyToRole")).isTrue();
        assertThat(limits.tryAcquire(ACCOUNT_A, "DetachPolicyFromRole")).isTrue();
        now[0] += 100_000_000L;
        assertThat(limits.tryAcquire(ACCOUNT_A, "AttachPolicyToRole")).isTrue();
        assertThat(limits.tryAcquire(ACCOUNT_A, "AttachPolicyToRole")).isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(limits.tryAcquire(ACCOUNT_A, "CreateRole")).isTrue();
        }
        assertThat(limits.tryAcquire(ACCOUNT_A, "CreateRole")).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(limits.tryAcquire(ACCOUNT_A, "GetRole")).isTrue();
        }
        assertThat(limits.tryAcquire(ACCOUNT_A, "GetRole")).isFalse();
        assertThat(RateLimits.RAM_QUOTAS).containsEntry("AssumeRole", 100).containsEntry("UpdateRole", 20)
                .containsEntry("ListPolicyVersions", 100).containsEntry("SetDefaultPolicyVersion", 20);
    }

    @Test
    void overallRateAndQuotaCombine() {
        long[] now = {0};
        RateLimits limits = new RateLimits(5, false, () -> now[0]);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.tryAcquire(ACCOUNT_A, i % 2 == 0 ? "GetRole" : "ListRoles")).isTrue();
        }
        assertThat(limits.tryAcquire(ACCOUNT_A, "GetRole")).isFalse();
        now[0] += 200_000_000L;
        assertThat(limits.tryAcquire(ACCOUNT_A, "GetRole")).isTrue();
    }
}
