package io.ramgrants.api;

/** A reference to an {@code AlibabaCloudAccount} by name. */
public class AccountRef {
    public String name;

    public AccountRef() {}

    public AccountRef(String name) {
        this.name = name;
    }
}
