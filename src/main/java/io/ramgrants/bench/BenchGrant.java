package io.ramgrants.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One generated grant: the resource, what the seed rules want for it, and its kind. */
record BenchGrant(HasMetadata resource, DesiredState desired, Kind kind) {
    enum Kind { DTS, DMS_REGISTRATION, DMS_ACCESS }

    boolean hasCustomPolicy() {
        return desired.roles().stream().anyMatch(r -> !r.customPolicies().isEmpty());
    }

    /** The grant's roles split by account, in account order. */
    Map<String, List<DesiredRole>> rolesByAccount() {
        Map<String, List<DesiredRole>> byAccount = new TreeMap<>();
        for (DesiredRole role : desired.roles()) {
            byAccount.computeIfAbsent(role.accountId(), a -> new java.util.ArrayList<>()).add(role);
        }
        return byAccount;
    }
}
