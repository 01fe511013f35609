package io.ramgrants.controller;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ramgrants.accounts.SecretLookup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches exactly the Secrets that accounts reference, one single-object informer each
 * ({@code fieldSelector=metadata.name=...}), so the operator needs no list/watch on all
 * Secrets of the cluster and keeps no other Secret in memory. A change to a watched Secret
 * tells the listeners the names of the accounts referencing it.
 *
 * <p>Reads come from the informer's store once it has synced. The resourceVersion last read
 * per Secret suppresses events that merely report what a reconcile has already seen
 * (notably the initial ADD when a watch starts), which would cost another STS call.
 */
public final class ReferencedSecrets implements SecretLookup, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencedSecrets.class);
    private record SecretKey(String namespace, String name) {
        String storeKey() {
            return namespace + "/" + name;
        }
    }

    private final KubernetesClient client;
    private final Predicate<String> namespaceAllowed;
    private final Map<SecretKey, SharedIndexInformer<Secret>> informers = new HashMap<>();
    private final Map<SecretKey, Set<String>> accountsBySecret = new HashMap<>();
    private final Map<String, SecretKey> secretByAccount = new HashMap<>();
    private final Map<SecretKey, String> lastReadVersion = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public ReferencedSecrets(KubernetesClient client) {
        this(client, namespace -> true);
    }

    /**
     * @param namespaceAllowed the namespaces the operator may read Secrets in: a Secret elsewhere is
     *                         never watched nor read (the resolver refuses the account first)
     */
    public ReferencedSecrets(KubernetesClient client, Predicate<String> namespaceAllowed) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaceAllowed = Objects.requireNonNull(namespaceAllowed, "namespaceAllowed");
    }

    /** Hears the name of each account whose Secret changed. */
    public void addListener(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The account now references this Secret (and no longer any other). */
    public synchronized void watch(String accountName, String namespace, String name) {
        if (!namespaceAllowed.test(namespace)) {
            unwatch(accountName);
            return;
        }
        SecretKey key = new SecretKey(namespace, name);
        if (key.equals(secretByAccount.get(accountName))) {
            return;
        }
        unwatch(accountName);
        secretByAccount.put(accountName, key);
        accountsBySecret.computeIfAbsent(key, k -> new HashSet<>()).add(accountName);
        informers.computeIfAbsent(key, this::inform);
    }

    /** The account references no Secret any more (deleted, or another credential source). */
    public synchronized void unwatch(String accountName) {
        SecretKey key = secretByAccount.remove(accountName);
        if (key == null) {
            return;
        }
        Set<String> accounts = accountsBySecret.get(key);
        accounts.remove(accountName);
        if (accounts.isEmpty()) {
            accountsBySecret.remove(key);
            lastReadVersion.remove(key);
            SharedIndexInformer<Secret> informer = informers.remove(key);
            if (informer != null) {
                informer.close();
            }
        }
    }

    @Override
    public Optional<Secret> find(String namespace, String name) {
        if (!namespaceAllowed.test(namespace)) {
            throw new IllegalStateException("Secrets in namespace " + namespace + " are not to be read");
        }
        SecretKey key = new SecretKey(namespace, name);
        SharedIndexInformer<Secret> informer;
        synchronized (this) {
            informer = informers.get(key);
        }
        Secret secret = informer != null && informer.hasSynced()
                ? informer.getStore().getByKey(key.storeKey())
                : client.secrets().inNamespace(namespace).withName(name).get();
        lastReadVersion.put(key, secret == null ? "" : secret.getMetadata().getResourceVersion());
        return Optional.ofNullable(secret);
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
        accountsBySecret.clear();
        secretByAccount.clear();
    }

    /**
     * The Secret's informer, started but not waited for: {@code inform()} would block until its
     * first LIST and WATCH answered, and this runs under the monitor every other account's
     * {@link #watch} and {@link #find} take, so one slow API server answer would hold all of
     * them. Until it has synced, {@link #find} reads the Secret directly.
     */
    private SharedIndexInformer<Secret> inform(SecretKey key) {
        SharedIndexInformer<Secret> informer = client.secrets().inNamespace(key.namespace()).withName(key.name())
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                changed(key, secret.getMetadata().getResourceVersion());
            }

            @Override
            public void onUpdate(Secret oldSecret, Secret newSecret) {
                changed(key, newSecret.getMetadata().getResourceVersion());
            }

            @Override
            public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
                changed(key, "");
            }
        });
        informer.start().whenComplete((started, failed) -> {
            if (failed != null) {
                // find() keeps reading the Secret directly; a change to it is then seen by the
                // account's re-verification schedule rather than at once.
                LOG.warn("Secret {}: could not watch it ({}); reading it directly instead", key.storeKey(),
                        failed.getMessage());
            }
        });
        return informer;
    }

    /**
     * Every watch starts inside a reconcile that reads the Secret right after: until that read
     * is recorded, events (the initial ADD above all) tell that reconcile nothing new.
     */
    private void changed(SecretKey key, String resourceVersion) {
        String seen = lastReadVersion.get(key);
        if (seen == null || seen.equals(resourceVersion)) {
            return;
        }
        Set<String> accounts;
        synchronized (this) {
            accounts = Set.copyOf(accountsBySecret.getOrDefault(key, Set.of()));
        }
        accounts.forEach(account -> listeners.forEach(listener -> listener.accept(account)));
    }
}
