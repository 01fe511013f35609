package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.models.GetRoleRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway part: parameter sources, authentication failures, error bodies. */
class ProtocolTest {
    private static final String RAM = "2015-05-01";
    private static final MutableClock CLOCK = MutableClock.systemNow();
    private static RamEmulator emu;

    @BeforeAll
    static void start() {
        emu = RamEmulator.start(Fixtures.twoAccounts().clock(CLOCK).build(), 0);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @BeforeEach
    void syncClock() {
        CLOCK.set(Instant.now());
        emu.resetCounters();
    }

    private static Map<String, String> createRole(String name) {
        Map<String, String> p = RawRpc.params("CreateRole", RAM, AK_A);
        p.put("RoleName", name);
        p.put("AssumeRolePolicyDocument", Fixtures.trustFor(ACCOUNT_A));
        return p;
    }

    @Test
    void parametersInQueryOrChunkedFormBodyGetOrPostAnyPath() {
        RawRpc.Reply viaQuery = RawRpc.query(emu, "GET", RawRpc.signed("GET", createRole("via-get"), SECRET_A));
        assertThat(viaQuery.status()).isEqualTo(200);
        assertThat(viaQuery.body().path("Role").path("Arn").asText()).isEqualTo("acs:ram::" + ACCOUNT_A + ":role/via-get");
        assertThat(viaQuery.body().path("RequestId").asText()).matches("[0-9A-F-]{36}");

        RawRpc.Reply viaForm = RawRpc.formBody(emu, RawRpc.signed("POST", createRole("via-form"), SECRET_A));
        assertThat(viaForm.status()).isEqualTo(200);
        assertThat(viaForm.contentType()).startsWith("application/json");
        assertThat(emu.callCounts()).containsEntry(ACCOUNT_A, Map.of("CreateRole", 2L));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("unsigned", (UnaryOperator<Map<String, String>>) p -> {
                    p.remove("Signature");
                    return p;
                }, "MissingParameter", 400),
                Arguments.of("no key", (UnaryOperator<Map<String, String>>) p -> {
                    p.remove("AccessKeyId");
                    return p;
                }, "MissingParameter", 400),
                Arguments.of("mis-signed", (UnaryOperator<Map<String, String>>) p -> {
                    p.put("RoleName", "tampered-after-signing");
                    return p;
                }, "SignatureDoesNotMatch", 400),
                Arguments.of("wrong secret", (UnaryOperator<Map<String, String>>) p -> {
                    p.remove("Signature");
                    return RawRpc.signed("GET", p, "not-the-secret");
                }, "SignatureDoesNotMatch", 400),
                Arguments.of("unknown key", (UnaryOperator<Map<String, String>>) p -> {
                    p.remove("Signature");
                    p.put("AccessKeyId", "AKID-UNKNOWN");
                    return RawRpc.signed("GET", p, SECRET_A);
                }, "InvalidAccessKeyId.NotFound", 404),
                Arguments.of("stale timestamp", (UnaryOperator<Map<String, String>>) p -> {
                    p.remove("Signature");
                    p.put("Timestamp", Instant.now().minus(Duration.ofMinutes(16)).toString().replaceAll("\\.\\d+", ""));
                    return RawRpc.signed("GET", p, SECRET_A);
                }, "InvalidTimeStamp.Expired", 400),
                Arguments.of("bad timestamp", (UnaryOperator<Map<String, String>>) p -> {
                    p.remove("Signature");
                    p.put("Timestamp", "yesterday");
                    return RawRpc.signed("GET", p, SECRET_A);
                }, "InvalidTimeStamp.Format", 400),
                Arguments.of("unknown token", (UnaryOperator<Map<String, String>>) p -> {
                    p.remove("Signature");
                    p.put("SecurityToken", "CAISnotatoken");
                    return RawRpc.signed("GET", p, SECRET_A);
                }, "InvalidSecurityToken.Malformed", 400));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rejected")
    void rejectedRequestsChangeNothing(String name, UnaryOperator<Map<String, String>> spoil, String code, int status) {
        RawRpc.Reply reply = RawRpc.query(emu, "GET", spoil.apply(RawRpc.signed("GET", createRole("spoiled"), SECRET_A)));
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.body().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("RequestId", "HostId", "Code", "Message", "Recommend");
        assertThat(emu.callCounts()).isEmpty();
        assertThat(emu.faultCounts()).isEmpty();
        RawRpc.Reply lookup = RawRpc.query(emu, "GET", RawRpc.signed("GET", getRole("spoiled"), SECRET_A));
        assertThat(lookup.code()).isEqualTo("EntityNotExist.Role");
        assertThat(lookup.status()).isEqualTo(404);
    }

    @Test
    void replayedNonceIsRejectedAndNotServedTwice() {
        Map<String, String> once = RawRpc.signed("GET", createRole("replayed"), SECRET_A);
        assertThat(RawRpc.query(emu, "GET", once).status()).isEqualTo(200);
        RawRpc.Reply replay = RawRpc.query(emu, "GET", once);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.code()).isEqualTo("SignatureNonceUsed");
        assertThat(emu.callCounts()).containsEntry(ACCOUNT_A, Map.of("CreateRole", 1L));
    }

    @ParameterizedTest
    @EnumSource(Sdk.Signing.class)
    void sdkWithWrongSecretOrUnknownKeyOrSkewedClock(Sdk.Signing signing) {
        GetRoleRequest request = new GetRoleRequest().setRoleName("any");
        Sdk.assertError(() -> Sdk.ram(emu, AK_A, "wrong", signing).getRole(request), "SignatureDoesNotMatch", 400);
        Sdk.assertError(() -> Sdk.ram(emu, "AKID-NOPE", SECRET_A, signing).getRole(request), "InvalidAccessKeyId.NotFound", 404);
        CLOCK.advance(Duration.ofMinutes(16));
        Sdk.assertError(() -> Sdk.ram(emu, AK_A, SECRET_A, signing).getRole(request), "InvalidTimeStamp.Expired", 400);
        assertThat(emu.callCounts()).isEmpty();
    }

    @Test
    void unknownActionMissingActionWrongVersionAndBadEncodingAreJsonErrors() {
        Map<String, String> unknown = RawRpc.params("DescribeRegions", RAM, AK_A);
        RawRpc.Reply r = RawRpc.query(emu, "POST", RawRpc.signed("POST", unknown, SECRET_A));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("InvalidAction.NotFound");

        Map<String, String> wrongVersion = RawRpc.params("GetRole", "2015-04-01", AK_A);
        assertThat(RawRpc.query(emu, "POST", RawRpc.signed("POST", wrongVersion, SECRET_A)).code()).isEqualTo("InvalidVersion");

        RawRpc.Reply noAction = RawRpc.get(emu, "?Version=2015-05-01");
        assertThat(noAction.status()).isEqualTo(400);
        assertThat(noAction.code()).isEqualTo("MissingParameter");

        // A malformed escape in the URL itself is refused by the JDK server before any handler (docs/emulator.md).
        RawRpc.Reply badEncoding = RawRpc.rawFormBody(emu, "Action=GetRole&RoleName=%zz");
        assertThat(badEncoding.status()).isEqualTo(400);
        assertThat(badEncoding.body().path("HostId").asText()).isEqualTo("ram.aliyuncs.com");
    }

    @Test
    void missingActionParameterUsesRamsMissingCode() {
        Map<String, String> p = RawRpc.params("GetRole", RAM, AK_A);
        RawRpc.Reply r = RawRpc.query(emu, "GET", RawRpc.signed("GET", p, SECRET_A));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("MissingRoleName");
    }

    private static Map<String, String> getRole(String name) {
        Map<String, String> p = RawRpc.params("GetRole", RAM, AK_A);
        p.put("RoleName", name);
        return p;
    }
}
