package io.ramgrants.engine.batch;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.desired.TrustPolicies;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.MutableClock;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Statement;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The emulator with one account, sharing a movable clock with a batch-observing engine (so RAM's
 * UpdateDates and the observer's ages move together), and an out-of-band gateway for console
 * edits that bypasses the engine's write tracking.
 */
final class BatchHarness implements AutoCloseable {
    static final String A = "1111111111111111";
    static final String TASK = "9999999999999999";
    /** No sweep within a test, unless a test asks for one: the listings alone must see the drift. */
    static final BatchSettings SETTINGS = new BatchSettings(Duration.ofSeconds(30), Duration.ofDays(365),
            Duration.ofSeconds(2));
    /** Longer than the snapshot age, far shorter than the sweep. */
    static final Duration RESYNC = Duration.ofSeconds(40);

    final MutableClock clock = MutableClock.systemNow();
    final RamEmulator emulator;
    final GatewayResolver gateways;
    final RamGateway console;
    final BatchObservation batch;
    final GrantEngine engine;

    BatchHarness() {
        this(SETTINGS);
    }

    BatchHarness(BatchSettings settings) {
        batch = new BatchObservation(settings, clock);
        emulator = RamEmulator.start(EmulatorConfig.builder().account(A, "AKID1", "secret1").clock(clock)
                .seed(42L).threads(4).build(), 0);
        RamGateways stack = new RamGateways(RamClientSettings.defaults().withQps(10_000)
                .withRetries(5, Duration.ofMillis(2), Duration.ofMillis(20)), OperatorMetrics.discarding());
        RamGateway gateway = stack.ramGateway(A, AccountEndpoint.both(emulator.endpoint()),
                () -> AccessKeyCredentials.permanent("AKID1", "secret1"));
        gateways = id -> gateway;
        console = stack.ramGateway(A, AccountEndpoint.both(emulator.endpoint()),
                () -> AccessKeyCredentials.permanent("AKID1", "secret1"));
        engine = new GrantEngine(batch.tracking(gateways), batch);
    }

    static DesiredRole dtsRole(String name) {
        OwnerRef owner = new OwnerRef("team-a", "CrossAccountDtsGrant", name);
        return new DesiredRole(A, name, owner.marker(), TrustPolicies.dtsTask(TASK), Set.of("AliyunDTSRolePolicy"),
                List.of(), owner);
    }

    static DesiredRole dmsRole(String name) {
        OwnerRef owner = new OwnerRef("team-a", "DmsRegistrationRole", name);
        PolicyDocument policy = PolicyDocument.of(Statement.allow(List.of("kvstore:DescribeInstances"), List.of("*")));
        return new DesiredRole(A, name, owner.marker(), TrustPolicies.dmsService(TASK), Set.of(),
                List.of(new DesiredCustomPolicy(name + "-policy", policy, owner.marker())), owner);
    }

    Map<String, Long> calls() {
        return emulator.callCounts().getOrDefault(A, Map.of());
    }

    long totalCalls() {
        return calls().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Moves RAM's and the observer's clocks past the snapshot age; RAM's next UpdateDate differs. */
    void nextResync() {
        clock.advance(RESYNC);
    }

    @Override
    public void close() {
        emulator.close();
    }
}
