package io.ramgrants.bench;

import io.ramgrants.ram.RamGateway;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * Makes one account slow: every RAM call of its gateways waits {@code latency} first, as a far
 * away or overloaded RAM endpoint would (and as a throttled account's retries do). The other
 * accounts' gateways pass through untouched.
 */
final class SlowGateways {
    private SlowGateways() {}

    static UnaryOperator<RamGateway> slowing(String accountId, Duration latency) {
        return gateway -> gateway.accountId().equals(accountId) ? delayed(gateway, latency) : gateway;
    }

    private static RamGateway delayed(RamGateway gateway, Duration latency) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (!method.getName().equals("accountId") && !method.getDeclaringClass().equals(Object.class)) {
                LockSupport.parkNanos(latency.toNanos());
            }
            try {
                return method.invoke(gateway, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (RamGateway) Proxy.newProxyInstance(RamGateway.class.getClassLoader(),
                new Class<?>[] {RamGateway.class}, handler);
    }
}
