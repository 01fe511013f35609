package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret holding {@code accessKeyId}, {@code accessKeySecret} and optionally {@code securityToken}. */
public class SecretRef {
    @Required
    @Pattern(FieldPatterns.OBJECT_NAME)
    @JsonPropertyDescription("Name of the Secret (data keys accessKeyId, accessKeySecret, optional securityToken).")
    public String name;
    /** Required: the operator reads the Secret from exactly this namespace (AccountValidator insists). */
    @Required
    @Pattern(FieldPatterns.NAMESPACE)
    @JsonPropertyDescription("Namespace of the Secret; required, the operator reads exactly this namespace.")
    public String namespace;
}
