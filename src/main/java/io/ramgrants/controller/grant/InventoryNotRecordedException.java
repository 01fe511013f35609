package io.ramgrants.controller.grant;

/**
 * The status write that records the accounts a pass is about to write into first (its write
 * intent, see {@link io.ramgrants.engine.WriteIntents}) failed: the pass stops before any RAM write.
 */
final class InventoryNotRecordedException extends RuntimeException {
    InventoryNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
