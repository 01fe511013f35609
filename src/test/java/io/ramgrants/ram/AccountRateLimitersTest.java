package io.ramgrants.ram;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Only lower bounds on waiting are asserted: a slow machine can wait longer, never shorter. */
class AccountRateLimitersTest {
    private static final double QPS = 4; // one call every 250 ms

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OperatorMetrics metrics = new OperatorMetrics(registry);
    private final RamClientSettings settings = RamClientSettings.defaults().withQps(QPS);
    private final AccountRateLimiters limiters = new AccountRateLimiters(QPS);

    @Test
    void gatewaysOfOneAccountShareOneBudget() {
        RamGateway first = resilient("1111111111111111");
        RamGateway second = resilient("1111111111111111");

        long start = System.nanoTime();
        first.getRole("a");
        second.getRole("b");
        first.getRole("c");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // Three calls on one budget need at least two gaps of 250 ms, whichever gateway made them.
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        Timer waits = registry.find("ramgrants.ratelimiter.wait").tag("account", "1111111111111111").timer();
        assertThat(waits.count()).isEqualTo(3);
        assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(450);
    }

    @Test
    void anotherAccountHasItsOwnBudget() {
        // One call per 100 s: had the accounts shared a budget, the second acquire would block that long.
        AccountRateLimiters slow = new AccountRateLimiters(0.01);
        slow.acquire("1111111111111111");

        Duration waitedInSecondAccount = slow.acquire("2222222222222222");

        assertThat(waitedInSecondAccount).isLessThan(Duration.ofSeconds(50));
    }

    @Test
    void retriesSpendTheBudgetToo() {
        ScriptedRamGateway ram = new ScriptedRamGateway("3333333333333333");
        ram.failNext("GetRole", ScriptedRamGateway.error(RamErrorKind.THROTTLED, "Throttling.User", 400));
        RamGateway gateway = new ResilientRamGateway(ram, limiters, null,
                settings.withRetries(3, Duration.ofMillis(1), Duration.ofMillis(2)), metrics);

        gateway.getRole("a");

        Timer waits = registry.find("ramgrants.ratelimiter.wait").tag("account", "3333333333333333").timer();
        assertThat(waits.count()).isEqualTo(2);
        assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200);
    }

    private RamGateway resilient(String accountId) {
        return new ResilientRamGateway(new ScriptedRamGateway(accountId), limiters, null, settings, metrics);
    }

    @Test
    void ramQuotasGiveEachActionItsOwnBudget() {
        AccountRateLimiters quotas = AccountRateLimiters.ramQuotas();
        assertThat(quotas.qpsFor("AttachPolicyToRole")).isEqualTo(10);
        assertThat(quotas.qpsFor("CreateRole")).isEqualTo(20);
        assertThat(quotas.qpsFor("GetRole")).isEqualTo(100);
        assertThat(quotas.qpsFor("SomethingRamDoesNotList")).isEqualTo(RamQuotas.UNLISTED);

        long start = System.nanoTime();
        quotas.acquire("1111111111111111", "AttachPolicyToRole");
        quotas.acquire("1111111111111111", "AttachPolicyToRole");
        quotas.acquire("1111111111111111", "AttachPolicyToRole");
        // Two gaps of 100 ms at 10/s; reads meanwhile draw from their own budget.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void settingsChooseBetweenQuotasAndOneUniformBudget() {
        assertThat(AccountRateLimiters.of(RamClientSettings.defaults()).perAction()).isTrue();
        AccountRateLimiters uniform = AccountRateLimiters.of(RamClientSettings.defaults().withQps(3));
        assertThat(uniform.perAction()).isFalse();
        assertThat(uniform.qpsFor("GetRole")).isEqualTo(3);
        assertThat(AccountRateLimiters.of(RamClientSettings.defaults().withQps(3).withRamQuotas()).perAction()).isTrue();
    }
}
