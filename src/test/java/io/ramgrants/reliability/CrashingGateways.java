package io.ramgrants.reliability;

import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.ram.RamGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * An operator process that dies at a chosen moment: every RAM write goes through to RAM, and
 * right after the write that {@code crashAfter} picks (by its 1-based index and method name),
 * the process "crashes" — the caller gets {@link SimulatedCrash} instead of the answer, and
 * every later call fails the same way, as if the JVM were gone. A fresh engine over fresh
 * gateways is the restarted process.
 */
public final class CrashingGateways implements GatewayResolver {
    /** An Error, not an exception: nothing in the engine may catch it and carry on. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message, null, false, false);
        }
    }

    private final GatewayResolver delegate;
    private final BiPredicate<Integer, String> crashAfter;
    /** Only writes into this account count and can crash the process; null = every account. */
    private final String crashAccount;
    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    private volatile String crashedAfter;

    CrashingGateways(GatewayResolver delegate, BiPredicate<Integer, String> crashAfter) {
        this(delegate, crashAfter, null);
    }

    private CrashingGateways(GatewayResolver delegate, BiPredicate<Integer, String> crashAfter, String crashAccount) {
        this.delegate = delegate;
        this.crashAfter = crashAfter;
        this.crashAccount = crashAccount;
    }

    /**
     * A whole operator process ({@code OperatorAssembly}'s RAM gateway wrapper, {@link #wrap}) that
     * dies right after its first {@code method} write into {@code accountId}.
     */
    public static CrashingGateways afterFirstIn(String accountId, String method) {
        return new CrashingGateways(null, (index, called) -> called.equals(method), accountId);
    }

    static CrashingGateways afterWrite(GatewayResolver delegate, int n) {
        return new CrashingGateways(delegate, (index, method) -> index == n);
    }

    static CrashingGateways afterFirst(GatewayResolver delegate, String method) {
        return new CrashingGateways(delegate, (index, called) -> called.equals(method));
    }

    /** The write after which the process died, e.g. {@code createRole}; null while alive. */
    public String crashedAfter() {
        return crashedAfter;
    }

    List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public RamGateway gatewayFor(String accountId) {
        return wrap(delegate.gatewayFor(accountId));
    }

    /** {@code real} as this process sees it: it dies with the process. */
    public RamGateway wrap(RamGateway real) {
        return (RamGateway) Proxy.newProxyInstance(RamGateway.class.getClassLoader(), new Class<?>[] {RamGateway.class},
                (proxy, method, args) -> {
                    if (crashedAfter != null) {
                        throw new SimulatedCrash("process is gone");
                    }
                    Object answer;
                    try {
                        answer = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (isWrite(method.getName()) && (crashAccount == null || crashAccount.equals(real.accountId()))) {
                        writes.add(method.getName());
                        if (crashAfter.test(writes.size(), method.getName())) {
                            crashedAfter = method.getName();
                            throw new SimulatedCrash("crashed right after " + method.getName());
                        }
                    }
                    return answer;
                });
    }

    private static boolean isWrite(String method) {
        return method.startsWith("create") || method.startsWith("update") || method.startsWith("delete")
                || method.startsWith("attach") || method.startsWith("detach");
    }
}
