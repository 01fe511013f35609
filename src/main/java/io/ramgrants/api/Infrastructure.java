package io.ramgrants.api;

/** Alibaba Cloud infrastructures; DTS cannot cross them. */
public enum Infrastructure {
    Public,
    Finance,
    Government
}
