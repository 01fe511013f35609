package io.ramgrants.accounts;

import io.ramgrants.ram.RamGateway;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The operator's in-memory view of every {@code AlibabaCloudAccount}, ready or not, kept by
 * the account controller and read by the grant controllers. Thread-safe.
 *
 * <p>Listeners hear the name of every account whose handle changed or vanished, so grants
 * using it can be reconciled again. They run on the thread that changed the registry and
 * must not block.
 */
public final class AccountRegistry {
    private static final Comparator<AccountHandle> READY_FIRST_THEN_NAME =
            Comparator.comparing((AccountHandle h) -> !h.ready()).thenComparing(AccountHandle::name);

    private final Map<String, AccountHandle> byName = new ConcurrentHashMap<>();
    private final Map<String, CachedGateway> gateways = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final RamGatewaySource ramGateways;

    private record CachedGateway(AccountHandle handle, RamGateway gateway) {}

    public AccountRegistry(RamGatewaySource ramGateways) {
        this.ramGateways = Objects.requireNonNull(ramGateways, "ramGateways");
    }

    /** Records the latest view of an account; listeners hear of it only when it changed. */
    public void put(AccountHandle handle) {
        AccountHandle previous = byName.put(handle.name(), handle);
        if (handle.differsFrom(previous)) {
            gateways.remove(handle.name());
            notifyListeners(handle.name());
        }
    }

    public void remove(String name) {
        gateways.remove(name);
        if (byName.remove(name) != null) {
            notifyListeners(name);
        }
    }

    /** The names of every account the registry holds, ready or not; a snapshot. */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(byName.keySet());
    }

    public Optional<AccountHandle> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The account with this {@code spec.accountId}. Should several resources declare it, a
     * ready one wins, then the first by name, so the answer is stable.
     */
    public Optional<AccountHandle> byAccountId(String accountId) {
        return byName.values().stream()
                .filter(h -> accountId.equals(h.accountId()))
                .min(READY_FIRST_THEN_NAME);
    }

    /** Whether any AlibabaCloudAccount declares this account ID, ready or not. */
    public boolean knowsAccountId(String accountId) {
        return byName.values().stream().anyMatch(h -> accountId.equals(h.accountId()));
    }

    public boolean isReady(String name) {
        return byName(name).map(AccountHandle::ready).orElse(false);
    }

    /** Whether grants in {@code namespace} may use the account called {@code name}. */
    public boolean mayUse(String name, String namespace) {
        return byName(name).map(h -> h.allowsNamespace(namespace)).orElse(false);
    }

    /**
     * Whether roles in the account called {@code name} may trust {@code trustedAccountId}:
     * listed in {@code trustableAccounts}, or, with that list empty, declared by any
     * AlibabaCloudAccount of the cluster.
     */
    public boolean mayTrust(String name, String trustedAccountId) {
        AccountHandle handle = byName.get(name);
        if (handle == null) {
            return false;
        }
        return handle.trustableAccounts().isEmpty()
                ? knowsAccountId(trustedAccountId)
                : handle.trustableAccounts().contains(trustedAccountId);
    }

    /**
     * The RAM gateway of a ready account, built once per credential provider and rebuilt
     * after the account changed.
     *
     * @throws AccountNotReadyException when the account is unknown or not ready
     */
    public RamGateway ramGateway(String name) {
        AccountHandle handle = byName.get(name);
        if (handle == null) {
            throw new AccountNotReadyException(AccountReason.InvalidSpec, "AlibabaCloudAccount " + name + " does not exist");
        }
        if (!handle.ready()) {
            throw new AccountNotReadyException(handle.reason(),
                    "AlibabaCloudAccount " + name + " is not ready (" + handle.reason() + ")");
        }
        CachedGateway cached = gateways.compute(name, (key, existing) -> existing != null && !handle.differsFrom(existing.handle())
                ? existing
                : new CachedGateway(handle, ramGateways.create(handle.accountId(), handle.endpoint(), handle.credentials())));
        return cached.gateway();
    }

    public void addListener(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void notifyListeners(String name) {
        listeners.forEach(listener -> listener.accept(name));
    }
}
