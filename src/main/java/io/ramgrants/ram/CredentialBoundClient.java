package io.ramgrants.ram;

import com.aliyun.teaopenapi.models.Config;
import java.net.URI;
import java.util.Objects;

/**
 * An SDK client that follows a {@link CredentialProvider}. SDK clients fix their credentials at
 * construction, while temporary credentials rotate; so the client is rebuilt whenever the
 * provider hands out different credentials, and reused otherwise.
 *
 * @param <C> the SDK client type
 */
final class CredentialBoundClient<C> {

    /** An SDK client constructor; they declare {@code throws Exception}. */
    @FunctionalInterface
    interface SdkConstructor<C> {
        C create(Config config) throws Exception;
    }

    private final URI endpoint;
    private final RamClientSettings settings;
    private final CredentialProvider credentialProvider;
    private final SdkConstructor<C> constructor;
    private AccessKeyCredentials currentCredentials;
    private C currentClient;

    CredentialBoundClient(URI endpoint, RamClientSettings settings, CredentialProvider credentialProvider,
                          SdkConstructor<C> constructor) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentialProvider = Objects.requireNonNull(credentialProvider, "credentialProvider");
        this.constructor = Objects.requireNonNull(constructor, "constructor");
    }

    /** The client for the provider's current credentials. */
    synchronized C client() throws Exception {
        AccessKeyCredentials credentials = Objects.requireNonNull(credentialProvider.credentials(), "credentials");
        if (currentClient == null || !credentials.equals(currentCredentials)) {
            currentClient = constructor.create(SdkConfigs.config(endpoint, settings, credentials));
            currentCredentials = credentials;
        }
        return currentClient;
    }
}
