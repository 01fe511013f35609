package io.ramgrants.accounts;

/**
 * Why an account is, or is not, usable. The constant names are the CamelCase reasons the
 * operator writes into the {@code Ready} condition, so they never vary between passes.
 */
public enum AccountReason {
    /** GetCallerIdentity succeeded and returned {@code spec.accountId}. */
    Verified(Handling.NONE),
    /** The spec itself is wrong (missing field, two credential sources, bad ARN). */
    InvalidSpec(Handling.STALLED),
    /** The referenced Secret does not exist (yet): a Secret event brings the account back. */
    SecretNotFound(Handling.STALLED),
    /** The Secret exists but a key is missing, empty or not a valid AccessKey value. */
    SecretMalformed(Handling.STALLED),
    /** No credentials in the operator's environment, or the OIDC token file is unreadable. */
    CredentialsUnavailable(Handling.STALLED),
    /** The credentials work but belong to another account than {@code spec.accountId}. */
    IdentityMismatch(Handling.STALLED),
    /** STS refused the credentials or the role exchange (bad key, no permission, unknown role). */
    StsAccessDenied(Handling.STALLED),
    /** STS throttled, failed with 5xx or could not be reached: retried with backoff. */
    StsUnavailable(Handling.RETRY),
    /**
     * {@code spec.endpoint} names a host outside the operator's allow-list: no request is sent
     * ({@code run --allow-endpoint-host}).
     */
    EndpointNotAllowed(Handling.STALLED),
    /** {@code oidc.tokenFile} lies outside the directories the operator reads tokens from. */
    TokenFileNotAllowed(Handling.STALLED),
    /** {@code secretRef.namespace} is not among the namespaces the operator reads Secrets in. */
    SecretNamespaceNotAllowed(Handling.STALLED),
    /** {@code assumeRole.via} holds root credentials, with which STS refuses AssumeRole. */
    ViaRootCredentials(Handling.STALLED),
    /** {@code assumeRole.via} names an account that is not ready: waits for it. */
    ViaAccountNotReady(Handling.WAIT);

    /** What the controller does about it. */
    public enum Handling {
        /** Nothing: the account is ready. */
        NONE,
        /** A person must act; no retry beyond the periodic re-verification. */
        STALLED,
        /** Transient: retry with backoff. */
        RETRY,
        /** Waiting for another resource; its change re-queues this account. */
        WAIT
    }

    private final Handling handling;

    AccountReason(Handling handling) {
        this.handling = handling;
    }

    public Handling handling() {
        return handling;
    }
}
