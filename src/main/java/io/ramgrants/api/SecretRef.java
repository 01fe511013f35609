package io.ramgrants.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret holding {@code accessKeyId}, {@code accessKeySecret} and optionally {@code securityToken}. */
public class SecretRef {
    @Required
    @Pattern(FieldPatterns.OBJECT_NAME)
    public String name;
    /** Required: the operator reads the Secret from exactly this namespace (AccountValidator insists). */
    @Required
    @Pattern(FieldPatterns.NAMESPACE)
    public String namespace;
}
