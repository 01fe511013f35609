package io.ramgrants.accounts;

import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.StsGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Temporary credentials from STS AssumeRole, called with another account's credentials
 * ({@code spec.credentials.assumeRole.via}). The caller's gateway is looked up on every
 * exchange, so a rotated key of the via account is picked up without rebuilding this
 * provider.
 */
public final class AssumeRoleCredentialProvider extends ExchangedCredentials {
    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);

    private final Supplier<StsGateway> callerSts;
    private final String roleArn;
    private final String sessionName;
    private final String externalId;
    private final Duration duration;

    /**
     * @param callerSts  the STS gateway signed with the via account's credentials; may throw
     *                   {@link AccountNotReadyException} when that account is not ready
     * @param externalId may be null
     */
    public AssumeRoleCredentialProvider(Supplier<StsGateway> callerSts, String roleArn, String sessionName,
                                 String externalId, Duration duration, Clock clock) {
        super(clock, roleArn);
        this.callerSts = Objects.requireNonNull(callerSts, "callerSts");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.externalId = externalId;
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    @Override
    AccessKeyCredentials exchange() {
        return callerSts.get().assumeRole(roleArn, sessionName, externalId, duration);
    }

    @Override
    public String toString() {
        return "AssumeRoleCredentialProvider[" + roleArn + ", session=" + sessionName + "]";
    }
}
