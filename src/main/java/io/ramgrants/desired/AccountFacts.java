package io.ramgrants.desired;

import io.ramgrants.api.Infrastructure;
import java.util.List;

/**
 * What the seed rules and the validator need to know about one {@code AlibabaCloudAccount}:
 * never its credentials.
 *
 * @param name              the AlibabaCloudAccount's metadata.name
 * @param allowedNamespaces namespaces whose grants may use it; empty = all
 * @param trustableAccounts account IDs roles in it may trust; empty = any account known to the cluster
 */
public record AccountFacts(
        String name,
        String accountId,
        Infrastructure infrastructure,
        List<String> allowedNamespaces,
        List<String> trustableAccounts) {

    public AccountFacts {
        infrastructure = infrastructure == null ? Infrastructure.Public : infrastructure;
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
        trustableAccounts = trustableAccounts == null ? List.of() : List.copyOf(trustableAccounts);
    }

    public boolean allowsNamespace(String namespace) {
        return allowedNamespaces.isEmpty() || allowedNamespaces.contains(namespace);
    }
}
