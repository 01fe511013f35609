package io.ramgrants.ram;

/** RAM's two policy namespaces; the strings are RAM's own {@code PolicyType} values. */
public enum PolicyType {
    System,
    Custom;

    public static PolicyType fromRam(String value) {
        return PolicyType.valueOf(value);
    }
}
