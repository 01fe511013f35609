package io.ramgrants.accounts;

import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.CredentialProvider;
import java.time.Clock;

/**
 * A provider whose credentials come from an STS exchange (AssumeRole, AssumeRoleWithOIDC):
 * subclasses say how to exchange; when, and how often, is {@link TemporaryCredentialCache}'s business.
 */
abstract class ExchangedCredentials implements CredentialProvider {
    private final TemporaryCredentialCache cache;

    /**
     * @param description names the exchange in log lines, e.g. the role ARN; never a secret
     */
    ExchangedCredentials(Clock clock, String description) {
        this.cache = new TemporaryCredentialCache(this::exchange, clock, description);
    }

    /** One call to STS; runs only when the cache needs fresh credentials, never in the constructor. */
    abstract AccessKeyCredentials exchange();

    @Override
    public final AccessKeyCredentials credentials() {
        return cache.get();
    }

    @Override
    public final void invalidate() {
        cache.invalidate();
    }
}
