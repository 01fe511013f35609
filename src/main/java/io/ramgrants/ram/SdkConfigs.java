package io.ramgrants.ram;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import java.net.URI;

/** Builds SDK client configuration from our endpoint, settings and credentials. */
final class SdkConfigs {

    private SdkConfigs() {}

    /**
     * A config for {@code endpoint} ({@code http://host:port/} or {@code https://host/}); the
     * SDK takes host and scheme separately and always posts to {@code /}, so a path is ignored.
     * {@code credentials} null gives an anonymous client (AssumeRoleWithOIDC only).
     */
    static Config config(URI endpoint, RamClientSettings settings, AccessKeyCredentials credentials) {
        String scheme = endpoint.getScheme() == null ? "https" : endpoint.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint must be http or https: " + endpoint);
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint has no host: " + endpoint);
        }
        String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        Config config = new Config()
                .setEndpoint(host)
                .setProtocol(scheme.toUpperCase())
                .setConnectTimeout(millis(settings.connectTimeout()))
                .setReadTimeout(millis(settings.readTimeout()));
        if (settings.signature() == RamClientSettings.Signature.V1) {
            // The SDK's name for HMAC-SHA1 signature v1.
            config.setSignatureAlgorithm("v2");
        }
        if (credentials != null) {
            config.setAccessKeyId(credentials.accessKeyId())
                    .setAccessKeySecret(credentials.accessKeySecret())
                    .setSecurityToken(credentials.securityToken());
        }
        return config;
    }

    /** Per-call options: the SDK must not retry on its own; retries are ours, counted and backed off. */
    static RuntimeOptions runtime(RamClientSettings settings) {
        RuntimeOptions runtime = new RuntimeOptions();
        runtime.autoretry = false;
        runtime.maxAttempts = 0;
        runtime.connectTimeout = millis(settings.connectTimeout());
        runtime.readTimeout = millis(settings.readTimeout());
        return runtime;
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
