package io.ramgrants.api;

/** Base URLs of RAM and STS, e.g. {@code http://127.0.0.1:18080/} for the emulator. */
public class EndpointOverrides {
    public String ram;
    public String sts;
}
