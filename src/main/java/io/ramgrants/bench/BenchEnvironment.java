package io.ramgrants.bench;

import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The in-process emulator with the benchmark's accounts and limits, and the production gateway
 * stack (SDK, per-account budgets, retries) in front of it. The client budgets mirror the
 * emulator's limits: RAM's per-API quotas, or one uniform {@code --rate}.
 */
final class BenchEnvironment implements AutoCloseable, GatewayResolver {
    private static final double UNLIMITED = 1_000_000;
    private final RamEmulator emulator;
    private final RamGateways gateways;
    private final RamClientSettings settings;
    private final Map<String, BenchAccount> accounts;
    private final Map<String, RamGateway> byAccount = new ConcurrentHashMap<>();

    /** RAM's per-API quotas, or one uniform budget of {@code uniformRate} calls/s when it is positive. */
    BenchEnvironment(List<BenchAccount> accounts, double uniformRate, int maxRolesPerAccount) {
        this(accounts, uniformRate, maxRolesPerAccount, true);
    }

    private BenchEnvironment(List<BenchAccount> accounts, double uniformRate, int maxRolesPerAccount, boolean limited) {
        EmulatorConfig.Builder config = EmulatorConfig.builder().seed(7L).threads(16)
                .maxRolesPerAccount(maxRolesPerAccount);
        accounts.forEach(a -> config.account(a.accountId(), a.accessKeyId(), a.accessKeySecret()));
        RamClientSettings settings = RamClientSettings.defaults()
                .withRetries(8, Duration.ofMillis(50), Duration.ofSeconds(2));
        if (!limited) {
            settings = settings.withQps(UNLIMITED);
        } else if (uniformRate > 0) {
            config.rate(uniformRate);
            settings = settings.withQps(uniformRate);
        } else {
            config.ramQuotas(true);
            settings = settings.withRamQuotas();
        }
        this.emulator = RamEmulator.start(config.build(), 0);
        this.settings = settings;
        this.gateways = new RamGateways(settings, OperatorMetrics.discarding());
        this.accounts = accounts.stream().collect(Collectors.toMap(BenchAccount::accountId, Function.identity()));
    }

    /** No limits anywhere: for tests that count calls and must not wait for budgets. */
    static BenchEnvironment unlimited(List<BenchAccount> accounts, int maxRolesPerAccount) {
        return new BenchEnvironment(accounts, 0, maxRolesPerAccount, false);
    }

    /** The client settings the gateways use, for another gateway stack (the operator's) on the same limits. */
    RamClientSettings clientSettings() {
        return settings;
    }

    RamEmulator emulator() {
        return emulator;
    }

    @Override
    public RamGateway gatewayFor(String accountId) {
        return byAccount.computeIfAbsent(accountId, id -> {
            BenchAccount account = accounts.get(id);
            if (account == null) {
                throw new IllegalArgumentException("not a benchmark account: " + id);
            }
            return gateways.ramGateway(id, AccountEndpoint.both(emulator.endpoint()),
                    () -> AccessKeyCredentials.permanent(account.accessKeyId(), account.accessKeySecret()));
        });
    }

    @Override
    public void close() {
        emulator.close();
    }
}
