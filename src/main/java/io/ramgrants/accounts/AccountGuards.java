package io.ramgrants.accounts;

import java.util.Objects;
import java.util.Set;

/**
 * What an {@code AlibabaCloudAccount} may make the operator do with its credentials, set by
 * the operator's configuration, never by the account: which hosts may receive credentials or
 * signed requests, which directories OIDC token files may be read from, and which namespaces
 * {@code spec.credentials.secretRef} may name.
 *
 * @param secretNamespaces namespaces whose Secrets may be read; empty = any (a cluster-wide
 *                         Secret grant, {@code run --secret-namespace '*'})
 */
public record AccountGuards(EndpointAllowList endpoints, TokenDirectories tokenDirectories,
                            Set<String> secretNamespaces) {
    public AccountGuards {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(tokenDirectories, "tokenDirectories");
        secretNamespaces = Set.copyOf(secretNamespaces);
    }

    /** Alibaba Cloud hosts and loopback; tokens from the RRSA directory; Secrets in any namespace. */
    public static AccountGuards defaults(CredentialEnvironment environment) {
        return new AccountGuards(EndpointAllowList.defaults(),
                TokenDirectories.fromEnvironment(environment, java.util.List.of()), Set.of());
    }

    public boolean allowsSecretNamespace(String namespace) {
        return secretNamespaces.isEmpty() || secretNamespaces.contains(namespace);
    }

    public AccountGuards withEndpoints(EndpointAllowList newEndpoints) {
        return new AccountGuards(newEndpoints, tokenDirectories, secretNamespaces);
    }

    public AccountGuards withTokenDirectories(TokenDirectories newDirectories) {
        return new AccountGuards(endpoints, newDirectories, secretNamespaces);
    }

    public AccountGuards withSecretNamespaces(Set<String> namespaces) {
        return new AccountGuards(endpoints, tokenDirectories, namespaces);
    }
}
