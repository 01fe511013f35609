package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** Base URLs of RAM, STS and ActionTrail, e.g. {@code http://127.0.0.1:18080/} for the emulator. */
public class EndpointOverrides {
    @Pattern(FieldPatterns.ENDPOINT_URL)
    @JsonPropertyDescription("Base URL of RAM, e.g. http://127.0.0.1:18080/; default: the public endpoint.")
    public String ram;
    @Pattern(FieldPatterns.ENDPOINT_URL)
    @JsonPropertyDescription("Base URL of STS, e.g. http://127.0.0.1:18080/; default: the public endpoint.")
    public String sts;
    @Pattern(FieldPatterns.ENDPOINT_URL)
    @JsonPropertyDescription("Base URL of ActionTrail (LookupEvents, read for drift events), e.g. "
            + "https://actiontrail.cn-shanghai-finance-1.aliyuncs.com/ for the Finance cloud; default: "
            + "https://actiontrail.cn-hangzhou.aliyuncs.com/, or the ram URL when ram is set. Subject to the same "
            + "endpoint allow-list as ram and sts.")
    public String actiontrail;
}
