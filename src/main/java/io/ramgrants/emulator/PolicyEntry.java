package io.ramgrants.emulator;

import java.time.Instant;
import java.util.TreeMap;

/** A custom policy with its versions. Mutated only while holding the account's lock. */
final class PolicyEntry {
    static final int MAX_VERSIONS = 5;

    record Version(int number, String document, Instant createDate) {
        String versionId() {
            return "v" + number;
        }
    }

    final String name;
    final String description;
    final Instant createDate;
    Instant updateDate;
    final TreeMap<Integer, Version> versions = new TreeMap<>();
    int defaultVersion;
    private int lastVersion;

    PolicyEntry(String name, String description, String document, Instant createDate) {
        this.name = name;
        this.description = description;
        this.createDate = createDate;
        this.updateDate = createDate;
        this.defaultVersion = addVersion(document, createDate).number();
    }

    /** Version numbers are never reused, as in RAM: v1, v2, ... even after deletions. */
    Version addVersion(String document, Instant at) {
        Version v = new Version(++lastVersion, document, at);
        versions.put(v.number(), v);
        return v;
    }

    Version defaultVersion() {
        return versions.get(defaultVersion);
    }

    /** The version named like {@code v3}, or null. */
    Version version(String versionId) {
        if (versionId == null || !versionId.matches("v\\d{1,9}")) {
            return null;
        }
        return versions.get(Integer.parseInt(versionId.substring(1)));
    }
}
