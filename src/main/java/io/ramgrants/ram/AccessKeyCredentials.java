package io.ramgrants.ram;

import java.time.Instant;
import java.util.Objects;

/**
 * An AccessKey pair, optionally temporary (STS token with expiry). {@link #toString()}
 * never reveals the secret or the token, so a credential can reach a log line by mistake
 * without leaking.
 */
public record AccessKeyCredentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
    public AccessKeyCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    }

    public static AccessKeyCredentials permanent(String accessKeyId, String accessKeySecret) {
        return new AccessKeyCredentials(accessKeyId, accessKeySecret, null, null);
    }

    public boolean temporary() {
        return securityToken != null;
    }

    /** True when the credentials expire within {@code margin} of {@code now}. */
    public boolean expiresWithin(java.time.Duration margin, Instant now) {
        return expiration != null && !now.plus(margin).isBefore(expiration);
    }

    @Override
    public String toString() {
        return "AccessKeyCredentials[accessKeyId=" + accessKeyId + ", secret=***"
                + (temporary() ? ", token=***, expiration=" + expiration : "") + "]";
    }
}
