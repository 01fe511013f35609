package io.ramgrants.accounts;

import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.StsGateway;
import io.ramgrants.ram.StsGateway.CallerIdentity;

/**
 * Proves that an account's credentials work and belong to the declared account: STS
 * GetCallerIdentity must answer with {@code spec.accountId}. A key of another account would
 * otherwise make the operator write roles into the wrong account.
 */
public final class IdentityVerifier {

    /**
     * @param sts         signed with {@code credentials}
     * @param credentials invalidated (and the call repeated once) when STS reports them expired
     * @throws AccountNotReadyException with the reason why the account cannot be used
     */
    public CallerIdentity verify(String expectedAccountId, StsGateway sts, CredentialProvider credentials) {
        CallerIdentity identity = callerIdentity(sts, credentials);
        if (!expectedAccountId.equals(identity.accountId())) {
            throw new AccountNotReadyException(AccountReason.IdentityMismatch,
                    "the credentials belong to account " + identity.accountId() + ", not to spec.accountId "
                            + expectedAccountId + ": fix spec.accountId or use credentials of account " + expectedAccountId);
        }
        return identity;
    }

    private static CallerIdentity callerIdentity(StsGateway sts, CredentialProvider credentials) {
        try {
            return sts.getCallerIdentity();
        } catch (RamException e) {
            if (e.kind() != RamErrorKind.CREDENTIALS_EXPIRED) {
                invalidateUnlessTransient(credentials, e);
                throw StsFailures.classify(e);
            }
            credentials.invalidate();
            return retryOnce(sts, credentials);
        } catch (RuntimeException e) {
            throw StsFailures.classify(e);
        }
    }

    private static CallerIdentity retryOnce(StsGateway sts, CredentialProvider credentials) {
        try {
            return sts.getCallerIdentity();
        } catch (RuntimeException e) {
            if (e instanceof RamException ram) {
                invalidateUnlessTransient(credentials, ram);
            }
            throw StsFailures.classify(e);
        }
    }

    /** Refused temporary credentials are exchanged again next time rather than reused. */
    private static void invalidateUnlessTransient(CredentialProvider credentials, RamException e) {
        if (!e.retryable()) {
            credentials.invalidate();
        }
    }
}
