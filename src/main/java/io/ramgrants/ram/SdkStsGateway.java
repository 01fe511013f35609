package io.ramgrants.ram;

import com.aliyun.sts20150401.Client;
import com.aliyun.sts20150401.models.AssumeRoleRequest;
import com.aliyun.sts20150401.models.AssumeRoleWithOIDCRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * {@link StsGateway} over the SDK {@code sts20150401}, with the endpoint taken from the
 * account (so AssumeRole chains and RRSA work against the emulator's plain-HTTP port, which
 * {@code credentials-java} cannot reach: it hard-codes https for STS).
 *
 * <p>AssumeRoleWithOIDC is anonymous (the OIDC token is the credential): it uses a client built
 * without an AccessKey, for which the SDK skips signing. A gateway made by {@link #anonymous}
 * can only make that call.
 */
public final class SdkStsGateway implements StsGateway {

    @FunctionalInterface
    private interface SdkCall<T> {
        T call(Client client, RuntimeOptions runtime) throws Exception;
    }

    private final URI endpoint;
    private final RamClientSettings settings;
    private final CredentialBoundClient<Client> signedClients;
    private final RuntimeOptions runtime;
    private Client anonymousClient;

    /** A gateway signing with {@code credentialProvider}'s credentials; null gives an anonymous gateway. */
    public SdkStsGateway(URI stsEndpoint, CredentialProvider credentialProvider, RamClientSettings settings) {
        this.endpoint = Objects.requireNonNull(stsEndpoint, "stsEndpoint");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signedClients = credentialProvider == null
                ? null
                : new CredentialBoundClient<>(stsEndpoint, settings, credentialProvider, Client::new);
        this.runtime = SdkConfigs.runtime(settings);
    }

    /** A gateway for {@link #assumeRoleWithOidc} only, e.g. RRSA before any credential exists. */
    public static SdkStsGateway anonymous(URI stsEndpoint, RamClientSettings settings) {
        return new SdkStsGateway(stsEndpoint, null, settings);
    }

    @Override
    public CallerIdentity getCallerIdentity() {
        return signed("GetCallerIdentity", (c, r) -> {
            var body = c.getCallerIdentityWithOptions(r).getBody();
            return new CallerIdentity(body.getAccountId(), body.getArn(), body.getIdentityType());
        });
    }

    @Override
    public AccessKeyCredentials assumeRole(String roleArn, String sessionName, String externalId, Duration duration) {
        AssumeRoleRequest request = new AssumeRoleRequest()
                .setRoleArn(roleArn)
                .setRoleSessionName(sessionName)
                .setExternalId(externalId)
                .setDurationSeconds(duration == null ? null : duration.toSeconds());
        return signed("AssumeRole", (c, r) -> {
            var credentials = c.assumeRoleWithOptions(request, r).getBody().getCredentials();
            return new AccessKeyCredentials(credentials.getAccessKeyId(), credentials.getAccessKeySecret(),
                    credentials.getSecurityToken(), expiration(credentials.getExpiration()));
        });
    }

    @Override
    public AccessKeyCredentials assumeRoleWithOidc(String oidcProviderArn, String roleArn, String oidcToken,
                                                   String sessionName, Duration duration) {
        AssumeRoleWithOIDCRequest request = new AssumeRoleWithOIDCRequest()
                .setOIDCProviderArn(oidcProviderArn)
                .setRoleArn(roleArn)
                .setOIDCToken(oidcToken)
                .setRoleSessionName(sessionName)
                .setDurationSeconds(duration == null ? null : duration.toSeconds());
        try {
            var credentials = anonymousClient().assumeRoleWithOIDCWithOptions(request, runtime).getBody()
                    .getCredentials();
            return new AccessKeyCredentials(credentials.getAccessKeyId(), credentials.getAccessKeySecret(),
                    credentials.getSecurityToken(), expiration(credentials.getExpiration()));
        } catch (Exception e) {
            throw RamErrors.classify(e, "AssumeRoleWithOIDC");
        }
    }

    private <T> T signed(String action, SdkCall<T> sdkCall) {
        if (signedClients == null) {
            throw new IllegalStateException(action + " needs credentials; this STS gateway is anonymous");
        }
        try {
            return sdkCall.call(signedClients.client(), runtime);
        } catch (Exception e) {
            throw RamErrors.classify(e, action);
        }
    }

    private synchronized Client anonymousClient() throws Exception {
        if (anonymousClient == null) {
            anonymousClient = new Client(SdkConfigs.config(endpoint, settings, null));
        }
        return anonymousClient;
    }

    /** STS answers ISO-8601 UTC ({@code 2015-04-09T11:52:19Z}); an unreadable value means "unknown". */
    private static Instant expiration(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
