package io.ramgrants.ram;

import java.net.URI;

/**
 * Where an account's RAM, STS and ActionTrail live. Defaults are Alibaba Cloud's public endpoints;
 * {@code AlibabaCloudAccount.spec.endpoint} overrides them (e.g. the emulator). {@code actiontrail}
 * is null unless overridden: {@link SdkActionTrailGateway#endpointFor} then derives it from RAM's.
 */
public record AccountEndpoint(URI ram, URI sts, URI actiontrail) {
    public static final URI PUBLIC_RAM = URI.create("https://ram.aliyuncs.com/");
    public static final URI PUBLIC_STS = URI.create("https://sts.aliyuncs.com/");

    /** RAM and STS only; ActionTrail where {@link SdkActionTrailGateway#endpointFor} puts it by default. */
    public AccountEndpoint(URI ram, URI sts) {
        this(ram, sts, null);
    }

    public static AccountEndpoint publicCloud() {
        return new AccountEndpoint(PUBLIC_RAM, PUBLIC_STS);
    }

    /** Both services at one base URL, as the emulator serves them. */
    public static AccountEndpoint both(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return new AccountEndpoint(uri, uri);
    }
}
