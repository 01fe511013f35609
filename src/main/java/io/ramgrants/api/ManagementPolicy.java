package io.ramgrants.api;

/** Manage: converge RAM. Observe: read and report drift, never write. */
public enum ManagementPolicy {
    Manage,
    Observe
}
