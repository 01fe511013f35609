package io.ramgrants.api;

public enum NetworkType {
    Internet,
    VPC,
    ExpressConnect
}
