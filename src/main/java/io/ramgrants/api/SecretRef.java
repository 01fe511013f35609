package io.ramgrants.api;

/** A Secret holding {@code accessKeyId}, {@code accessKeySecret} and optionally {@code securityToken}. */
public class SecretRef {
    public String name;
    public String namespace;
}
