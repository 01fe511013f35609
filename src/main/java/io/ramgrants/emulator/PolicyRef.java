package io.ramgrants.emulator;

/** A policy as attachments name it: its type ({@code System} or {@code Custom}) and name. */
record PolicyRef(String type, String name) {
    static final String SYSTEM = "System";
    static final String CUSTOM = "Custom";
}
