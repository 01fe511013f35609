package io.ramgrants.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.accounts.AccountResolver;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.accounts.IdentityVerifier;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.manifest.ManifestSet;
import io.ramgrants.ram.RamGateways;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts of a set of manifests, reached the way the operator reaches them (the
 * {@code accounts} package: Secret, AssumeRole, RRSA, default chain; identity verified through
 * STS), with Secrets taken from the same input instead of a cluster.
 */
final class ManifestAccounts {
    private final ManifestSet manifests;
    private final CredentialEnvironment environment;
    private final AccountRegistry registry;
    private final AccountResolver resolver;

    ManifestAccounts(ManifestSet manifests, CredentialEnvironment environment, RamGateways gateways,
                     AccountGuards guards) {
        this.manifests = manifests;
        this.environment = environment;
        this.registry = new AccountRegistry(gateways::ramGateway);
        this.resolver = new AccountResolver(registry, gateways::stsGateway, this::secret, environment,
                new IdentityVerifier(), Clock.systemUTC(), guards);
    }

    /**
     * Why some of {@code accountIds} cannot be reached from this input, checked without a call:
     * no AlibabaCloudAccount declares it, or its credential source is absent here. Empty when
     * every account has credentials to try.
     */
    List<String> withoutCredentials(Set<String> accountIds) {
        List<String> missing = new ArrayList<>();
        for (String accountId : accountIds) {
            Optional<AlibabaCloudAccount> account = declaring(accountId);
            if (account.isEmpty()) {
                missing.add("account " + accountId + ": no AlibabaCloudAccount in the input");
            } else if (!credentialsPresent(account.get(), new HashSet<>())) {
                missing.add("account " + accountId + " (AlibabaCloudAccount " + name(account.get())
                        + "): its credential source is not in the input or the environment");
            }
        }
        return missing;
    }

    /** Builds credentials and verifies each account's identity; the handles that are not ready. */
    List<AccountHandle> connect(Set<String> accountIds) {
        List<AccountHandle> notReady = new ArrayList<>();
        for (String accountId : accountIds) {
            AccountHandle handle = resolve(declaring(accountId).orElseThrow(), new HashSet<>());
            if (!handle.ready()) {
                notReady.add(handle);
            }
        }
        return notReady;
    }

    /** Gateways of connected accounts, for the engine. */
    GatewayResolver gateways() {
        return accountId -> registry.ramGateway(registry.byAccountId(accountId)
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " was not connected")).name());
    }

    private AccountHandle resolve(AlibabaCloudAccount account, Set<String> visiting) {
        Optional<AccountHandle> known = registry.byName(name(account));
        if (known.isPresent()) {
            return known.get();
        }
        AccountCredentials credentials = account.getSpec().credentials;
        if (credentials != null && credentials.assumeRole != null && credentials.assumeRole.via != null
                && visiting.add(name(account))) {
            byName(credentials.assumeRole.via.name).ifPresent(via -> resolve(via, visiting));
        }
        AccountHandle handle = resolver.resolve(name(account), account.getSpec());
        registry.put(handle);
        return handle;
    }

    private boolean credentialsPresent(AlibabaCloudAccount account, Set<String> visiting) {
        AccountCredentials credentials = account.getSpec().credentials;
        if (credentials == null || !visiting.add(name(account))) {
            return false;
        }
        if (credentials.secretRef != null) {
            return secret(credentials.secretRef.namespace, credentials.secretRef.name).isPresent();
        }
        if (credentials.assumeRole != null) {
            return credentials.assumeRole.via != null && byName(credentials.assumeRole.via.name)
                    .filter(via -> credentialsPresent(via, visiting)).isPresent();
        }
        if (credentials.oidc != null) {
            String tokenFile = credentials.oidc.tokenFile != null ? credentials.oidc.tokenFile
                    : environment.get(CredentialEnvironment.OIDC_TOKEN_FILE).orElse(null);
            return tokenFile != null && Files.isReadable(Path.of(tokenFile));
        }
        return environment.hasAccessKey() || environment.hasRrsa();
    }

    private Optional<AlibabaCloudAccount> declaring(String accountId) {
        return manifests.accounts().stream()
                .filter(a -> a.getSpec() != null && accountId.equals(a.getSpec().accountId))
                .findFirst();
    }

    private Optional<AlibabaCloudAccount> byName(String name) {
        return manifests.accounts().stream().filter(a -> name.equals(name(a))).findFirst();
    }

    private Optional<Secret> secret(String namespace, String name) {
        String wanted = namespace == null ? OwnerRef.DEFAULT_NAMESPACE : namespace;
        return manifests.secrets().stream()
                .filter(s -> name.equals(s.getMetadata().getName()))
                .filter(s -> wanted.equals(Objects.requireNonNullElse(s.getMetadata().getNamespace(),
                        OwnerRef.DEFAULT_NAMESPACE)))
                .findFirst();
    }

    private static String name(AlibabaCloudAccount account) {
        return account.getMetadata().getName();
    }
}
