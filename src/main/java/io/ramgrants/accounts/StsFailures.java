package io.ramgrants.accounts;

import io.ramgrants.ram.RamException;

/**
 * Turns a failed STS call into an {@link AccountNotReadyException} with a constant reason and
 * an actionable message. Only the action and RAM's error code reach the message: RAM's own
 * text and the request ID vary between calls and belong in logs, not in a condition.
 */
final class StsFailures {
    private StsFailures() {}

    static AccountNotReadyException classify(RuntimeException failure) {
        if (failure instanceof AccountNotReadyException notReady) {
            return notReady;
        }
        if (failure instanceof RamException ram) {
            return classify(ram);
        }
        return new AccountNotReadyException(AccountReason.StsUnavailable,
                "the STS call failed (" + failure.getClass().getSimpleName() + "); retrying with backoff", failure);
    }

    private static AccountNotReadyException classify(RamException e) {
        String call = "STS " + e.action() + " failed with " + e.code();
        return switch (e.kind()) {
            case THROTTLED, TRANSIENT -> new AccountNotReadyException(AccountReason.StsUnavailable,
                    call + "; retrying with backoff", e);
            case ACCESS_DENIED, CREDENTIALS_EXPIRED -> new AccountNotReadyException(AccountReason.StsAccessDenied,
                    call + ": " + accessHint(e.action()), e);
            case NOT_FOUND -> new AccountNotReadyException(AccountReason.StsAccessDenied,
                    call + ": check that the role in spec.credentials exists", e);
            case INVALID_INPUT -> new AccountNotReadyException(AccountReason.InvalidSpec,
                    call + ": check roleArn, sessionName and externalId in spec.credentials", e);
            case ALREADY_EXISTS, CONFLICT -> new AccountNotReadyException(AccountReason.StsUnavailable,
                    call + "; retrying with backoff", e);
        };
    }

    private static String accessHint(String action) {
        if ("AssumeRole".equals(action)) {
            return "check that the role trusts the via account, that the via account may call sts:AssumeRole, "
                    + "and the externalId";
        }
        if ("AssumeRoleWithOIDC".equals(action)) {
            return "check that the role trusts the OIDC provider and the operator's service account";
        }
        return "check that the AccessKey exists, is enabled and belongs to this account";
    }
}
