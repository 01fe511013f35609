package io.ramgrants.api;

public enum DeletionPolicy {
    Delete,
    Retain
}
