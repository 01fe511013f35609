package io.ramgrants.engine;

/** What deleting a grant does in RAM: remove what the grant owns, or leave RAM as it is. */
public enum RemovalPolicy {
    DELETE,
    RETAIN
}
