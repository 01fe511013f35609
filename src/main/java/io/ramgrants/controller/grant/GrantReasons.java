package io.ramgrants.controller.grant;

/**
 * The constant CamelCase reasons of a grant's {@code Ready} condition (README, "Conditions and reasons"). Tools and
 * alerts match on them, so they never carry volatile text; the message explains the details.
 */
public final class GrantReasons {
    /** RAM matches the desired state and this pass wrote nothing. */
    public static final String UP_TO_DATE = "UpToDate";
    /**
     * This pass created what was missing (a new grant's roles and policies) and RAM now matches; no role that
     * existed was changed.
     */
    public static final String CREATED = "Created";
    /** This pass corrected a role that existed but differed from the desired state; RAM now matches. */
    public static final String DRIFT_CORRECTED = "DriftCorrected";
    /** Observe mode: RAM differs from the desired state; the plan is in {@code status.plan}. */
    public static final String DRIFT_DETECTED = "DriftDetected";
    /** The {@code ramgrants.io/paused} annotation stops every RAM write. */
    public static final String PAUSED = "Paused";
    /** The spec breaks the seed rules; nothing was sent to RAM. */
    public static final String INVALID_SPEC = "InvalidSpec";
    /** An account the grant needs is missing or not verified yet; re-queued when it changes. */
    public static final String ACCOUNT_NOT_READY = "AccountNotReady";
    /** An account does not allow the grant's namespace in {@code allowedNamespaces}. */
    public static final String ACCOUNT_NOT_ALLOWED = "AccountNotAllowed";
    /** A role would trust an account missing from the role account's {@code trustableAccounts}. */
    public static final String TRUST_NOT_ALLOWED = "TrustNotAllowed";
    /** Another resource claims the same role, or the role in RAM belongs to someone else. */
    public static final String MANAGEMENT_CONFLICT = "ManagementConflict";
    /** RAM kept throttling after the gateway's retries; retried with backoff. */
    public static final String RAM_THROTTLED = "RamThrottled";
    /** RAM answered 5xx or could not be reached after the gateway's retries; retried with backoff. */
    public static final String RAM_UNAVAILABLE = "RamUnavailable";
    /** The account's credentials lack a RAM permission; a person must grant it. */
    public static final String RAM_ACCESS_DENIED = "RamAccessDenied";
    /** RAM refused a request as invalid or in conflict with its state (a limit, a document). */
    public static final String RAM_REJECTED = "RamRejected";
    /** Something changed in RAM between observing and applying; the next pass re-observes. */
    public static final String CHANGES_PENDING = "ChangesPending";
    /** RAM refused a write the way it does while catching up with our own earlier one; retried with backoff. */
    public static final String RAM_CATCHING_UP = "RamCatchingUp";
    /**
     * The status write recording an account the pass was about to write into first ({@code status.inventory})
     * failed; no RAM write was made; retried with backoff.
     */
    public static final String INVENTORY_NOT_RECORDED = "InventoryNotRecorded";
    /** Deletion is waiting (failed or paused); the finalizer stays until RAM is cleaned up. */
    public static final String DELETION_BLOCKED = "DeletionBlocked";
    /** Not written to status: a pass deferred because an account it needs is busy with other passes. */
    static final String RECONCILING = "Reconciling";
    /** An unexpected error; details in the operator log. */
    public static final String RECONCILE_ERROR = "ReconcileError";

    private GrantReasons() {}
}
