package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lost-reply fault: a RAM write takes effect, and its caller is answered 503/500 all the same. */
class LostReplyFaultTest {
    private static final String RAM = "2015-05-01";

    private static RawRpc.Reply call(RamEmulator emu, String action, Map<String, String> extra) {
        Map<String, String> params = RawRpc.params(action, RAM, AK_A);
        params.putAll(extra);
        return RawRpc.query(emu, "POST", RawRpc.signed("POST", params, SECRET_A));
    }

    private static RawRpc.Reply createRole(RamEmulator emu, String name) {
        return call(emu, "CreateRole", Map.of("RoleName", name, "AssumeRolePolicyDocument", Fixtures.trustFor(ACCOUNT_A)));
    }

    @Test
    void aWriteWhoseReplyIsLostTakesEffectAndItsRetryMeetsTheResult() {
        try (RamEmulator emu = RamEmulator.start(Fixtures.twoAccounts().faultLostReply(1.0).build(), 0)) {
            RawRpc.Reply lost = createRole(emu, "committed");
            assertThat(lost.status()).isIn(500, 503);
            assertThat(lost.code()).isIn("ServiceUnavailable", "InternalError");

            assertThat(call(emu, "GetRole", Map.of("RoleName", "committed")).status())
                    .as("reads are never faulted by lost replies, and the role exists").isEqualTo(200);
            assertThat(createRole(emu, "committed").code()).as("the retry meets the committed write")
                    .isEqualTo("EntityAlreadyExists.Role");

            assertThat(emu.lostReplyCounts()).isEqualTo(Map.of(ACCOUNT_A, Map.of("CreateRole", 1L)));
            assertThat(emu.faultCounts()).isEqualTo(Map.of(ACCOUNT_A, Map.of("CreateRole#lostReply", 1L)));
            assertThat(emu.callCounts().get(ACCOUNT_A)).containsEntry("CreateRole", 2L).containsEntry("GetRole", 1L);
            assertThat(RawRpc.get(emu, "_emulator/calls").body().path(ACCOUNT_A).path("CreateRole#lostReply").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void settableThroughTheAdminSurfaceAndKeptByTheOldConstructor() {
        try (RamEmulator emu = RamEmulator.start(Fixtures.twoAccounts().build(), 0)) {
            assertThat(RawRpc.post(emu, "_emulator/faults", "{\"lostReply\":0.25}").status()).isEqualTo(200);
            assertThat(emu.faults()).isEqualTo(new FaultSettings(0, 0, 0, 0.25));
            assertThat(RawRpc.get(emu, "_emulator/faults").body().path("lostReply").asDouble()).isEqualTo(0.25);
            assertThat(RawRpc.post(emu, "_emulator/faults", "{\"throttle\":0.5,\"lostReply\":0.6}").status())
                    .isEqualTo(400);
            assertThat(new FaultSettings(0.1, 0.2, 3).lostReply()).isZero();
        }
    }

    @Test
    void lostRepliesFollowTheSeed() {
        EmulatorConfig config = Fixtures.twoAccounts().faultLostReply(0.5).seed(11L).build();
        String first = outcomes(config);
        assertThat(outcomes(config)).isEqualTo(first);
        assertThat(first).contains("200").containsAnyOf("503", "500");
    }

    private static String outcomes(EmulatorConfig config) {
        try (RamEmulator emu = RamEmulator.start(config, 0)) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                out.append(createRole(emu, "role-" + i).status()).append(' ');
            }
            assertThat(call(emu, "ListRoles", Map.of()).body().path("Roles").path("Role").size())
                    .as("every write took effect, lost reply or not").isEqualTo(20);
            return out.toString();
        }
    }
}
