package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to an {@code AlibabaCloudAccount} by name. */
public class AccountRef {
    @Required
    @Pattern(FieldPatterns.OBJECT_NAME)
    @JsonPropertyDescription("Name of the AlibabaCloudAccount.")
    public String name;

    public AccountRef() {}

    public AccountRef(String name) {
        this.name = name;
    }
}
