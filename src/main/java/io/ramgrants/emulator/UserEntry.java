package io.ramgrants.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A RAM user: the identity operators are normally given AccessKeys for. Guarded by its account's lock. */
final class UserEntry {
    final String userName;
    final String userId;
    final Instant createDate;
    /** Policies attached to the user, with attach time. */
    final Map<PolicyRef, Instant> attachments = new LinkedHashMap<>();

    UserEntry(String userName, String userId, Instant createDate) {
        this.userName = userName;
        this.userId = userId;
        this.createDate = createDate;
    }
}
