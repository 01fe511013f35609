package io.ramgrants.reliability;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production gateway stack (SDK, per-account rate limit, retries with backoff) reaching
 * the fleet's accounts in the emulator, with its own meter registry so a test can tell how
 * many attempts RAM refused and how many writes this stack made.
 */
final class EmulatorGateways implements GatewayResolver {
    /** Tiny delays: the emulator answers in a millisecond, and the suite must stay fast. */
    static final RamClientSettings FAST_RETRIES = RamClientSettings.defaults().withQps(2000)
            .withRetries(12, Duration.ofMillis(1), Duration.ofMillis(8));

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RamEmulator emulator;
    private final String secretMark;
    private final RamGateways gateways;
    private final Map<String, RamGateway> byAccount = new ConcurrentHashMap<>();

    EmulatorGateways(RamEmulator emulator, String secretMark, RamClientSettings settings) {
        this.emulator = emulator;
        this.secretMark = secretMark;
        this.gateways = new RamGateways(settings, new OperatorMetrics(registry));
    }

    EmulatorGateways(RamEmulator emulator, String secretMark) {
        this(emulator, secretMark, FAST_RETRIES);
    }

    @Override
    public RamGateway gatewayFor(String accountId) {
        return byAccount.computeIfAbsent(accountId, id -> {
            int i = Integer.parseInt(id.substring(id.length() - 1)) - 1;
            return gateways.ramGateway(id, AccountEndpoint.both(emulator.endpoint()),
                    () -> AccessKeyCredentials.permanent(Fleet.accessKeyId(i), Fleet.accessKeySecret(secretMark, i)));
        });
    }

    /** RAM call attempts this stack made that ended with {@code result} (ok, throttled, transient, ...). */
    long attempts(String result) {
        return registry.find("ramgrants.ram.calls").tag("result", result).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
