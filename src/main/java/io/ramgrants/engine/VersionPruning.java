package io.ramgrants.engine;

import io.ramgrants.ram.PolicyVersion;
import java.util.Comparator;
import java.util.List;

/** Which policy versions to delete so one more fits under RAM's limit of five. */
final class VersionPruning {
    static final int MAX_VERSIONS = 5;

    private VersionPruning() {}

    /** The oldest non-default versions to delete before creating {@code toAdd} new ones. */
    static List<PolicyVersion> toDeleteBefore(List<PolicyVersion> versions, int toAdd) {
        int excess = versions.size() + toAdd - MAX_VERSIONS;
        if (excess <= 0) {
            return List.of();
        }
        return versions.stream()
                .filter(v -> !v.isDefault())
                .sorted(OLDEST_FIRST)
                .limit(excess)
                .toList();
    }

    /** Every non-default version, oldest first: RAM refuses DeletePolicy while they exist. */
    static List<PolicyVersion> nonDefault(List<PolicyVersion> versions) {
        return versions.stream().filter(v -> !v.isDefault()).sorted(OLDEST_FIRST).toList();
    }

    /** RAM numbers versions v1, v2, ...; the number orders them even where dates tie. */
    private static final Comparator<PolicyVersion> OLDEST_FIRST =
            Comparator.comparingLong(VersionPruning::number).thenComparing(v -> String.valueOf(v.createDate()));

    private static long number(PolicyVersion version) {
        String digits = version.versionId() == null ? "" : version.versionId().replaceAll("\\D", "");
        return digits.isEmpty() || digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
