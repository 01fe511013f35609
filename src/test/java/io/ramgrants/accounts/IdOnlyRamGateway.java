package io.ramgrants.accounts;

import io.ramgrants.ram.RamGateway;
import java.lang.reflect.Proxy;

/** A RAM gateway that only knows its account: the account code never calls RAM itself. */
public final class IdOnlyRamGateway {
    private IdOnlyRamGateway() {}

    public static RamGateway of(String accountId) {
        return (RamGateway) Proxy.newProxyInstance(RamGateway.class.getClassLoader(), new Class<?>[] {RamGateway.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "accountId" -> accountId;
                    case "toString" -> "RamGateway[" + accountId + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
