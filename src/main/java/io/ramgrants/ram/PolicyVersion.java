package io.ramgrants.ram;

/** One version of a policy. {@code document} may be null where RAM omits it. */
public record PolicyVersion(String versionId, boolean isDefault, String document, String createDate) {}
