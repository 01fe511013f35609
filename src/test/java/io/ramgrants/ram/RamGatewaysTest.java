package io.ramgrants.ram;

import static io.ramgrants.ram.SdkRamGatewayTest.TRUST_DTS;
import static io.ramgrants.ram.SdkRamGatewayTest.expectKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.FaultSettings;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The full stack the operator uses (SDK + retries + rate limit) against a faulty, rate-limited emulator. */
class RamGatewaysTest {
    private static final String ACCOUNT = "1111111111111111";
    private static final CredentialProvider KEYS = () -> AccessKeyCredentials.permanent("AKID1", "secret1");
    private static final RamClientSettings FAST_RETRIES = RamClientSettings.defaults()
            .withQps(1_000)
            .withRetries(15, Duration.ofMillis(1), Duration.ofMillis(5));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OperatorMetrics metrics = new OperatorMetrics(registry);
    private RamEmulator emulator;

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void throttlingAndServerErrorsAreRetriedUntilEveryCallSucceeds() {
        emulator = start(EmulatorConfig.builder().faultThrottle(0.3).fault5xx(0.2));
        RamGateway ram = new RamGateways(FAST_RETRIES, metrics)
                .ramGateway(ACCOUNT, AccountEndpoint.both(emulator.endpoint()), KEYS);

        for (int i = 0; i < 10; i++) {
            ram.createRole("flaky-" + i, TRUST_DTS, null, null);
            ram.attachPolicyToRole(PolicyType.System, "AliyunDTSRolePolicy", "flaky-" + i);
            assertThat(ram.listPoliciesForRole("flaky-" + i)).hasSize(1);
        }

        long faults = total(emulator.faultCounts());
        assertThat(faults).as("the seeded emulator injected faults").isGreaterThan(5);
        assertThat(emulator.callCounts().get(ACCOUNT))
                .containsEntry("CreateRole", 10L)
                .containsEntry("AttachPolicyToRole", 10L)
                .containsEntry("ListPoliciesForRole", 10L);
        assertThat(attempts("throttled") + attempts("transient")).isEqualTo(faults);
        assertThat(attempts("ok")).isEqualTo(30);
    }

    @Test
    void terminalErrorsAreNotRetried() {
        emulator = start(EmulatorConfig.builder());
        RamGateway ram = new RamGateways(FAST_RETRIES, metrics)
                .ramGateway(ACCOUNT, AccountEndpoint.both(emulator.endpoint()), KEYS);
        ram.createRole("exists", TRUST_DTS, null, null);
        emulator.resetCounters();

        expectKind(() -> ram.createRole("bad name!", TRUST_DTS, null, null), RamErrorKind.INVALID_INPUT, null);
        expectKind(() -> ram.createRole("exists", TRUST_DTS, null, null), RamErrorKind.ALREADY_EXISTS, null);
        expectKind(() -> ram.deleteRole("missing"), RamErrorKind.NOT_FOUND, null);
        assertThat(ram.getRole("missing")).isEmpty();

        assertThat(emulator.callCounts().get(ACCOUNT))
                .containsEntry("CreateRole", 2L)
                .containsEntry("DeleteRole", 1L)
                .containsEntry("GetRole", 1L);
    }

    @Test
    void wrongKeysAreNotRetried() {
        emulator = start(EmulatorConfig.builder());
        RamGateway ram = new RamGateways(FAST_RETRIES, metrics).ramGateway(ACCOUNT,
                AccountEndpoint.both(emulator.endpoint()), () -> AccessKeyCredentials.permanent("AKID1", "wrong"));

        expectKind(() -> ram.getRole("any"), RamErrorKind.ACCESS_DENIED, "SignatureDoesNotMatch");

        assertThat(attempts("access_denied")).isEqualTo(1);
    }

    @Test
    void ourRateLimitKeepsConcurrentCallersUnderTheAccountQuota() throws Exception {
        // RAM allows 2 calls/s here (bucket of 2); two gateways sharing our 1.8/s budget never meet a throttle.
        emulator = start(EmulatorConfig.builder().rate(2));
        RamGateways factory = new RamGateways(FAST_RETRIES.withQps(1.8), metrics);
        AccountEndpoint endpoint = AccountEndpoint.both(emulator.endpoint());

        callConcurrently(factory.ramGateway(ACCOUNT, endpoint, KEYS), factory.ramGateway(ACCOUNT, endpoint, KEYS));

        assertThat(total(emulator.faultCounts())).isZero();
        assertThat(emulator.callCounts().get(ACCOUNT)).containsEntry("GetRole", 4L);
        Timer waits = registry.find("ramgrants.ratelimiter.wait").tag("account", ACCOUNT).timer();
        assertThat(waits.count()).isEqualTo(4);
    }

    @Test
    void withoutOurLimitTheSameLoadIsThrottledAndRetried() throws Exception {
        emulator = start(EmulatorConfig.builder().rate(2));
        RamGateways factory = new RamGateways(FAST_RETRIES.withRetries(40, Duration.ofMillis(20),
                Duration.ofMillis(100)), metrics);
        AccountEndpoint endpoint = AccountEndpoint.both(emulator.endpoint());

        callConcurrently(factory.ramGateway(ACCOUNT, endpoint, KEYS), factory.ramGateway(ACCOUNT, endpoint, KEYS));

        assertThat(total(emulator.faultCounts())).isPositive();
        assertThat(emulator.callCounts().get(ACCOUNT)).containsEntry("GetRole", 4L);
        assertThat(attempts("throttled")).isEqualTo(total(emulator.faultCounts()));
    }

    /** Four GetRole calls released together, two through each gateway. */
    private static void callConcurrently(RamGateway first, RamGateway second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RamGateway gateway = i % 2 == 0 ? first : second;
                String role = "r" + i;
                calls.add(pool.submit(() -> {
                    gate.await();
                    return gateway.getRole(role);
                }));
            }
            gate.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stsGatewaysComeFromTheFactoryToo() {
        emulator = start(EmulatorConfig.builder());
        emulator.setFaults(new FaultSettings(0.5, 0, 0));
        StsGateway sts = new RamGateways(FAST_RETRIES, metrics)
                .stsGateway(ACCOUNT, AccountEndpoint.both(emulator.endpoint()), KEYS);

        for (int i = 0; i < 5; i++) {
            assertThat(sts.getCallerIdentity().accountId()).isEqualTo(ACCOUNT);
        }
        assertThat(attempts("ok", "GetCallerIdentity")).isEqualTo(5);
    }

    @Test
    void aLostCreatePolicyVersionReplyIsNotRetriedIntoASecondCopy() {
        emulator = start(EmulatorConfig.builder());
        RamGateway ram = new RamGateways(FAST_RETRIES, metrics)
                .ramGateway(ACCOUNT, AccountEndpoint.both(emulator.endpoint()), KEYS);
        ram.createPolicy("lost-reply", SdkRamGatewayTest.POLICY_V1, null);
        ram.createRole("lost-reply", TRUST_DTS, null, null);

        emulator.setFaults(new FaultSettings(0, 0, 0, 1.0));
        assertThat(expectKind(() -> ram.createPolicyVersion("lost-reply", SdkRamGatewayTest.POLICY_V2, true),
                RamErrorKind.TRANSIENT, null).code()).isIn("ServiceUnavailable", "InternalError");
        // Idempotent or guarded writes are still retried; their retry meets the committed write.
        expectKind(() -> ram.createRole("lost-reply-2", TRUST_DTS, null, null),
                RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Role");
        emulator.setFaults(FaultSettings.NONE);

        assertThat(ram.listPolicyVersions(PolicyType.Custom, "lost-reply")).as("one new version, committed once")
                .hasSize(2).filteredOn(PolicyVersion::isDefault).singleElement()
                .extracting(PolicyVersion::versionId).isEqualTo("v2");
        assertThat(attempts("transient", "CreatePolicyVersion")).isEqualTo(1);
        assertThat(attempts("transient", "CreateRole")).isEqualTo(1);
    }

    private long attempts(String result) {
        return registry.find("ramgrants.ram.calls").tag("result", result).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private long attempts(String result, String action) {
        return registry.find("ramgrants.ram.calls").tags("result", result, "action", action).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private static long total(Map<String, Map<String, Long>> counts) {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    private static RamEmulator start(EmulatorConfig.Builder builder) {
        return RamEmulator.start(builder.account(ACCOUNT, "AKID1", "secret1").seed(42L).build(), 0);
    }
}
