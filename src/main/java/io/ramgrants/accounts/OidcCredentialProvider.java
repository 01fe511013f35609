package io.ramgrants.accounts;

import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.StsGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * RRSA on ACK: STS AssumeRoleWithOIDC with the pod's projected service account token. The
 * kubelet rotates the token file, so it is read again on every exchange, never cached.
 */
public final class OidcCredentialProvider extends ExchangedCredentials {
    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    public static final String DEFAULT_SESSION_NAME = "ram-grant-operator";

    private final StsGateway anonymousSts;
    private final String roleArn;
    private final String oidcProviderArn;
    private final Path tokenFile;
    private final String sessionName;
    private final Duration duration;
    private final TokenDirectories allowedDirectories;

    public OidcCredentialProvider(StsGateway anonymousSts, String roleArn, String oidcProviderArn, Path tokenFile,
                           String sessionName, Duration duration, Clock clock) {
        this(anonymousSts, roleArn, oidcProviderArn, tokenFile, sessionName, duration, clock, null);
    }

    /**
     * @param allowedDirectories checked again before every read (a symbolic link may have been
     *                           re-pointed since the account was resolved); null for a token file
     *                           the operator's own environment names
     */
    public OidcCredentialProvider(StsGateway anonymousSts, String roleArn, String oidcProviderArn, Path tokenFile,
                           String sessionName, Duration duration, Clock clock, TokenDirectories allowedDirectories) {
        super(clock, roleArn);
        this.allowedDirectories = allowedDirectories;
        this.anonymousSts = Objects.requireNonNull(anonymousSts, "anonymousSts");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.oidcProviderArn = Objects.requireNonNull(oidcProviderArn, "oidcProviderArn");
        this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    @Override
    AccessKeyCredentials exchange() {
        return anonymousSts.assumeRoleWithOidc(oidcProviderArn, roleArn, readToken(), sessionName, duration);
    }

    private String readToken() {
        if (allowedDirectories != null) {
            allowedDirectories.refusal(tokenFile).ifPresent(why -> {
                throw new AccountNotReadyException(AccountReason.TokenFileNotAllowed,
                        "spec.credentials.oidc.tokenFile " + tokenFile + " " + why);
            });
        }
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AccountNotReadyException(AccountReason.CredentialsUnavailable,
                    "OIDC token file " + tokenFile + " cannot be read (" + e.getClass().getSimpleName()
                            + "): check that RRSA injection is enabled for the operator's pod");
        }
        if (token.isEmpty()) {
            throw new AccountNotReadyException(AccountReason.CredentialsUnavailable,
                    "OIDC token file " + tokenFile + " is empty: check that RRSA injection is enabled for the operator's pod");
        }
        return token;
    }

    @Override
    public String toString() {
        return "OidcCredentialProvider[" + roleArn + ", tokenFile=" + tokenFile + "]";
    }
}
