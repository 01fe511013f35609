package io.ramgrants.accounts;

import io.ramgrants.api.Infrastructure;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import java.util.List;
import java.util.Objects;

/**
 * What the operator knows about one {@code AlibabaCloudAccount}: how to reach it and
 * whether it may be used. {@code credentials} and {@code verifiedIdentity} are null unless
 * the account is ready.
 *
 * @param name              the AlibabaCloudAccount resource name
 * @param message           actionable, secret-free explanation of {@code reason}
 * @param verifiedIdentity  the ARN GetCallerIdentity returned
 * @param identityType      GetCallerIdentity's IdentityType ({@code Account} for root keys,
 *                          {@code RAMUser}, {@code AssumedRoleUser}); null unless ready
 */
public record AccountHandle(
        String name,
        String accountId,
        AccountEndpoint endpoint,
        Infrastructure infrastructure,
        List<String> allowedNamespaces,
        List<String> trustableAccounts,
        CredentialProvider credentials,
        AccountReason reason,
        String message,
        String verifiedIdentity,
        String identityType) {

    /** IdentityType STS reports for the root account's own AccessKey. */
    public static final String ROOT_IDENTITY_TYPE = "Account";

    public AccountHandle(String name, String accountId, AccountEndpoint endpoint, Infrastructure infrastructure,
                         List<String> allowedNamespaces, List<String> trustableAccounts, CredentialProvider credentials,
                         AccountReason reason, String message, String verifiedIdentity) {
        this(name, accountId, endpoint, infrastructure, allowedNamespaces, trustableAccounts, credentials, reason,
                message, verifiedIdentity, null);
    }

    public AccountHandle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
        trustableAccounts = trustableAccounts == null ? List.of() : List.copyOf(trustableAccounts);
        if (reason == AccountReason.Verified) {
            Objects.requireNonNull(credentials, "a ready account needs credentials");
        }
    }

    public boolean ready() {
        return reason == AccountReason.Verified;
    }

    /** Verified with the root account's AccessKey: works, but a RAM user or role should be used. */
    public boolean rootIdentity() {
        return ROOT_IDENTITY_TYPE.equals(identityType);
    }

    /** {@code allowedNamespaces} empty means every namespace may use the account. */
    public boolean allowsNamespace(String namespace) {
        return allowedNamespaces.isEmpty() || allowedNamespaces.contains(namespace);
    }

    /**
     * True when this handle differs from {@code other} in anything a user of the account
     * cares about. The credential provider counts by identity: a new provider means new
     * credentials (a rotated key, another role), and RAM gateways built on the old one must go.
     */
    boolean differsFrom(AccountHandle other) {
        return other == null
                || credentials != other.credentials
                || !Objects.equals(accountId, other.accountId)
                || !Objects.equals(endpoint, other.endpoint)
                || infrastructure != other.infrastructure
                || !allowedNamespaces.equals(other.allowedNamespaces)
                || !trustableAccounts.equals(other.trustableAccounts)
                || reason != other.reason
                || !Objects.equals(message, other.message)
                || !Objects.equals(verifiedIdentity, other.verifiedIdentity)
                || !Objects.equals(identityType, other.identityType);
    }
}
