package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** Base URLs of RAM and STS, e.g. {@code http://127.0.0.1:18080/} for the emulator. */
public class EndpointOverrides {
    @Pattern(FieldPatterns.ENDPOINT_URL)
    @JsonPropertyDescription("Base URL of RAM, e.g. http://127.0.0.1:18080/; default: the public endpoint.")
    public String ram;
    @Pattern(FieldPatterns.ENDPOINT_URL)
    @JsonPropertyDescription("Base URL of STS, e.g. http://127.0.0.1:18080/; default: the public endpoint.")
    public String sts;
}
