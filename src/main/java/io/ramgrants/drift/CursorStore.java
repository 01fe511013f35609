package io.ramgrants.drift;

import io.ramgrants.api.DriftEventsStatus;
import java.util.Optional;

/** Where each account's drift event state (its cursor above all) survives a restart. */
public interface CursorStore {
    /** The state last saved for the AlibabaCloudAccount {@code accountName}. */
    Optional<DriftEventsStatus> load(String accountName);

    void save(String accountName, DriftEventsStatus state);

    /** Keeps nothing: every start reads from {@code now - overlap}. */
    CursorStore NONE = new CursorStore() {
        @Override
        public Optional<DriftEventsStatus> load(String accountName) {
            return Optional.empty();
        }

        @Override
        public void save(String accountName, DriftEventsStatus state) {
        }
    };
}
