package io.ramgrants.ram;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import java.net.URI;
import java.util.Locale;

/** Builds SDK client configuration from our endpoint, settings and credentials. */
final class SdkConfigs {
    /**
     * Set by the build for tests: no test may send traffic to Alibaba Cloud (builds run without
     * network, and a stray call would reach a real account), so any host under aliyuncs.com is refused.
     */
    static final String FORBID_PUBLIC_ENDPOINTS = "ramgrants.forbidPublicEndpoints";

    /**
     * Idle keep-alive connections the SDK's HTTP client may hold. The SDK shares one OkHttp client
     * (and pool) per host among all accounts and keeps only 5 idle connections unless told
     * otherwise; with more calls in flight than that, every extra connection is closed after its
     * call and the next call opens a new one: a TCP and, against RAM, a TLS handshake per call.
     * This covers the operator's reconcile threads (default 20) and bench's workers (4 per account)
     * with room to spare; an idle connection costs one socket and is dropped after the SDK's 10 s.
     */
    static final int MAX_IDLE_CONNECTIONS = 64;

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
        refusePublicEndpointInTests(endpoint);
        String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        Config config = new Config()
                .setEndpoint(host)
                .setProtocol(scheme.toUpperCase())
                .setConnectTimeout(millis(settings.connectTimeout()))
                .setReadTimeout(millis(settings.readTimeout()))
                .setMaxIdleConns(MAX_IDLE_CONNECTIONS);
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

    private static void refusePublicEndpointInTests(URI endpoint) {
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        boolean publicCloud = host.equals("aliyuncs.com") || host.endsWith(".aliyuncs.com");
        if (publicCloud && Boolean.getBoolean(FORBID_PUBLIC_ENDPOINTS)) {
            throw new RamException(RamErrorKind.ACCESS_DENIED, "PublicEndpointForbidden", 0, "Connect",
                    "public endpoint " + host + " forbidden in tests (" + FORBID_PUBLIC_ENDPOINTS
                            + "=true): point the account at the emulator or plan with --offline", null, null);
        }
    }

    /** Per-call options: the SDK must not retry on its own; retries are ours, counted and backed off. */
    static RuntimeOptions runtime(RamClientSettings settings) {
        RuntimeOptions runtime = new RuntimeOptions();
        runtime.autoretry = false;
        runtime.maxAttempts = 0;
        runtime.connectTimeout = millis(settings.connectTimeout());
        runtime.readTimeout = millis(settings.readTimeout());
        runtime.maxIdleConns = MAX_IDLE_CONNECTIONS;
        return runtime;
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
