package io.ramgrants.engine;

/** Whether the engine may write to RAM ({@code MANAGE}) or only reads and reports drift ({@code OBSERVE}). */
public enum ManagementMode {
    MANAGE,
    OBSERVE
}
