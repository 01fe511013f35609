package io.ramgrants.api;

/**
 * Patterns and limits shared by the CRD schema (annotations need compile-time constants) and
 * the Java validator, so Kubernetes and {@code plan} reject exactly the same values.
 */
public final class FieldPatterns {
    /** Alibaba Cloud account UIDs are 16 digits. */
    public static final String ACCOUNT_ID = "^[0-9]{16}$";
    /** RAM role names: 1–64 letters, digits, dots and hyphens (nothing that could break out of JSON). */
    public static final String ROLE_NAME = "^[A-Za-z0-9.-]{1,64}$";
    /** RAM policy names: 1–128 letters, digits and hyphens. */
    public static final String POLICY_NAME = "^[A-Za-z0-9-]{1,128}$";
    /**
     * Base URL of a RAM or STS endpoint override. Whitespace is spelled out: {@code \s} is
     * {@code [\t\n\f\r ]} in Go's RE2 (the API server) but includes {@code \x0B} in Java.
     */
    public static final String ENDPOINT_URL = "^https?://[^\\t\\n\\x0B\\f\\r ]+$";
    /** {@code acs:ram::<accountId>:role/<roleName>}. */
    public static final String ROLE_ARN = "^acs:ram::[0-9]{16}:role/[A-Za-z0-9.-]{1,64}$";
    /** {@code acs:ram::<accountId>:oidc-provider/<name>}. */
    public static final String OIDC_PROVIDER_ARN = "^acs:ram::[0-9]{16}:oidc-provider/[A-Za-z0-9._-]{1,128}$";
    /** STS RoleSessionName: 2–64 letters, digits and {@code . @ - _}. */
    public static final String SESSION_NAME = "^[A-Za-z0-9.@_-]{2,64}$";
    /**
     * Optional text that, once set, must hold something other than whitespace (an STS external ID,
     * a token file path): a blank value would fail later, far from the field. Whitespace is spelled
     * out as in {@link #ENDPOINT_URL}.
     */
    public static final String NOT_BLANK = "(?s)^.*[^\\t\\n\\x0B\\f\\r ].*$";
    /** Kubernetes namespace names (DNS label). */
    public static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    /** Kubernetes object names (DNS subdomain). */
    public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

    /** RAM counts a description against 1024 characters; the owner marker takes part of it. */
    public static final int MAX_USER_DESCRIPTION = 512;
    /** RAM's limit for a policy document in its compact form. */
    public static final int MAX_POLICY_DOCUMENT_LENGTH = 6144;

    private FieldPatterns() {}
}
