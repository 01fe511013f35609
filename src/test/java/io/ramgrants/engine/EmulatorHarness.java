package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.B;

import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
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
 * The emulator with accounts A and B, the production gateway stack (SDK + rate limit + retries)
 * as the engine's resolver, and a console user per account for out-of-band edits.
 */
final class EmulatorHarness implements AutoCloseable, GatewayResolver {
    static final Map<String, String[]> KEYS = Map.of(A, new String[] {"AKID1", "secret1"},
            B, new String[] {"AKID2", "secret2"});
    final RamEmulator emulator;
    final RamGateways gateways;
    private final Map<String, RamGateway> byAccount = new ConcurrentHashMap<>();

    EmulatorHarness() {
        emulator = RamEmulator.start(EmulatorConfig.builder()
                .account(A, KEYS.get(A)[0], KEYS.get(A)[1])
                .account(B, KEYS.get(B)[0], KEYS.get(B)[1])
                .seed(42L).threads(4).build(), 0);
        RamClientSettings settings = RamClientSettings.defaults().withQps(1000)
                .withRetries(10, Duration.ofMillis(2), Duration.ofMillis(20));
        gateways = new RamGateways(settings, OperatorMetrics.discarding());
    }

    @Override
    public RamGateway gatewayFor(String accountId) {
        return byAccount.computeIfAbsent(accountId, id -> gateways.ramGateway(id,
                AccountEndpoint.both(emulator.endpoint()),
                () -> AccessKeyCredentials.permanent(KEYS.get(id)[0], KEYS.get(id)[1])));
    }

    ConsoleUser console(String accountId) {
        return new ConsoleUser(emulator.port(), KEYS.get(accountId)[0], KEYS.get(accountId)[1]);
    }

    /** Calls the emulator served for {@code accountId}, by action. */
    Map<String, Long> calls(String accountId) {
        return emulator.callCounts().getOrDefault(accountId, Map.of());
    }

    long writes(String accountId) {
        return calls(accountId).entrySet().stream()
                .filter(e -> !e.getKey().startsWith("Get") && !e.getKey().startsWith("List"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
