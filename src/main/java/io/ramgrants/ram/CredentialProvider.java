package io.ramgrants.ram;

/**
 * Supplies the current credentials for one account. Implementations refresh temporary
 * credentials before they expire; {@link #invalidate()} forces a refresh after RAM
 * reported them expired.
 */
public interface CredentialProvider {
    AccessKeyCredentials credentials();

    default void invalidate() {}
}
