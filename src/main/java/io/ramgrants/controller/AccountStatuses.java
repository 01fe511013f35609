package io.ramgrants.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.api.AlibabaCloudAccountStatus;
import io.ramgrants.controller.Conditions.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds an AlibabaCloudAccount's status from scratch for one observation. */
final class AccountStatuses {
    private AccountStatuses() {}

    /**
     * @param handle           what the pass found
     * @param retryingAfter    when the account stays ready on its last good verification while a
     *                         re-verification failed transiently: that failure, else null
     */
    static AlibabaCloudAccountStatus build(AccountHandle handle, AccountHandle retryingAfter, Long generation,
                                           List<Condition> current, Instant now) {
        return build(handle, retryingAfter, generation, current, java.util.Optional.empty(), now);
    }

    /** @param driftEvents the DriftEvents condition, when the account has a drift event feed */
    static AlibabaCloudAccountStatus build(AccountHandle handle, AccountHandle retryingAfter, Long generation,
                                           List<Condition> current, java.util.Optional<Condition> driftEvents,
                                           Instant now) {
        List<Condition> desired = new ArrayList<>(
                Conditions.readiness(progress(handle.reason()), handle.reason().name(), handle.message(), generation));
        if (retryingAfter != null) {
            desired.add(Conditions.condition(Conditions.RECONCILING, true, retryingAfter.reason().name(),
                    "re-verification failed, the last verification still holds: " + retryingAfter.message(), generation));
        }
        driftEvents.ifPresent(desired::add);
        AlibabaCloudAccountStatus status = new AlibabaCloudAccountStatus();
        status.observedGeneration = generation;
        status.conditions = Conditions.merge(current, desired, now);
        status.verifiedIdentity = handle.verifiedIdentity();
        return status;
    }

    static Progress progress(AccountReason reason) {
        return switch (reason.handling()) {
            case NONE -> Progress.READY;
            case RETRY, WAIT -> Progress.IN_PROGRESS;
            case STALLED -> Progress.STALLED;
        };
    }

    /**
     * Compared as stored JSON, so a new status field counts without being listed here; except
     * {@code driftEvents}, which the drift event reader writes, not this controller.
     */
    static boolean same(AlibabaCloudAccountStatus a, AlibabaCloudAccountStatus b) {
        return StatusWrites.sameStatus(a, b, "driftEvents");
    }
}
