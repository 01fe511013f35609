package io.ramgrants.api;

import io.fabric8.generator.annotation.Pattern;

/** Base URLs of RAM and STS, e.g. {@code http://127.0.0.1:18080/} for the emulator. */
public class EndpointOverrides {
    @Pattern(FieldPatterns.ENDPOINT_URL)
    public String ram;
    @Pattern(FieldPatterns.ENDPOINT_URL)
    public String sts;
}
