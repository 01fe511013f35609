package io.ramgrants.accounts;

import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.StsGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small STS that behaves like the real one for what the accounts code needs: it knows
 * AccessKeys and roles per account, checks secrets, trust and expiry, issues temporary
 * credentials and counts calls. Failures can be queued per action.
 */
public final class FakeSts implements StsGatewayFactory {
    private final Clock clock;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<RamException>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, String> lastOidcToken = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    private record Key(String accountId, String secret, String token, Instant expiration, String arn) {}

    private record Role(String accountId, String roleName, Set<String> trustedAccounts, String oidcToken) {}

    public FakeSts(Clock clock) {
        this.clock = clock;
    }

    public FakeSts accessKey(String accountId, String accessKeyId, String secret) {
        keys.put(accessKeyId, new Key(accountId, secret, null, null, "acs:ram::" + accountId + ":root"));
        return this;
    }

    /** An AccessKey of the RAM user {@code userName} (IdentityType RAMUser), as accounts should use. */
    public FakeSts ramUserKey(String accountId, String accessKeyId, String secret, String userName) {
        keys.put(accessKeyId, new Key(accountId, secret, null, null, "acs:ram::" + accountId + ":user/" + userName));
        return this;
    }

    /** A role that callers of {@code trustedAccounts} may assume. */
    public FakeSts role(String accountId, String roleName, String... trustedAccounts) {
        roles.put(arn(accountId, roleName), new Role(accountId, roleName, Set.of(trustedAccounts), null));
        return this;
    }

    /** A role assumable with this OIDC token (the real STS checks the token's issuer and audience). */
    public FakeSts oidcRole(String accountId, String roleName, String token) {
        roles.put(arn(accountId, roleName), new Role(accountId, roleName, Set.of(), token));
        return this;
    }

    public static String arn(String accountId, String roleName) {
        return "acs:ram::" + accountId + ":role/" + roleName;
    }

    /** The next call of {@code action} fails with {@code kind}. */
    public FakeSts failNext(String action, RamErrorKind kind, String code) {
        failures.computeIfAbsent(action, a -> new ConcurrentLinkedDeque<>())
                .add(new RamException(kind, code, 400, action, "injected", "REQUEST-ID-1", null));
        return this;
    }

    public long calls(String action) {
        AtomicLong count = calls.get(action);
        return count == null ? 0 : count.get();
    }

    public String lastOidcToken(String roleArn) {
        return lastOidcToken.get(roleArn);
    }

    @Override
    public StsGateway create(String accountId, AccountEndpoint endpoint, CredentialProvider credentials) {
        return new Gateway(credentials);
    }

    private final class Gateway implements StsGateway {
        private final CredentialProvider credentials;

        Gateway(CredentialProvider credentials) {
            this.credentials = credentials;
        }

        @Override
        public CallerIdentity getCallerIdentity() {
            Key caller = authenticate("GetCallerIdentity");
            String type = caller.token() != null ? "AssumedRoleUser" : caller.arn().endsWith(":root") ? "Account" : "RAMUser";
            return new CallerIdentity(caller.accountId(), caller.arn(), type);
        }

        @Override
        public AccessKeyCredentials assumeRole(String roleArn, String sessionName, String externalId, Duration duration) {
            Key caller = authenticate("AssumeRole");
            Role role = roles.get(roleArn);
            if (role == null) {
                throw error(RamErrorKind.NOT_FOUND, "EntityNotExist.Role", "AssumeRole");
            }
            if (!role.trustedAccounts().contains(caller.accountId())) {
                throw error(RamErrorKind.ACCESS_DENIED, "NoPermission", "AssumeRole");
            }
            return issue(role, sessionName, duration);
        }

        @Override
        public AccessKeyCredentials assumeRoleWithOidc(String oidcProviderArn, String roleArn, String oidcToken,
                                                       String sessionName, Duration duration) {
            count("AssumeRoleWithOIDC");
            injected("AssumeRoleWithOIDC");
            Role role = roles.get(roleArn);
            lastOidcToken.put(roleArn, oidcToken);
            if (role == null || !oidcToken.equals(role.oidcToken())) {
                throw error(RamErrorKind.ACCESS_DENIED, "InvalidParameter.OIDCToken.Invalid", "AssumeRoleWithOIDC");
            }
            return issue(role, sessionName, duration);
        }

        private Key authenticate(String action) {
            count(action);
            injected(action);
            AccessKeyCredentials presented = credentials.credentials();
            Key key = keys.get(presented.accessKeyId());
            if (key == null) {
                throw error(RamErrorKind.ACCESS_DENIED, "InvalidAccessKeyId.NotFound", action);
            }
            if (!key.secret().equals(presented.accessKeySecret())) {
                throw error(RamErrorKind.ACCESS_DENIED, "SignatureDoesNotMatch", action);
            }
            if (key.expiration() != null && !clock.instant().isBefore(key.expiration())) {
                throw error(RamErrorKind.CREDENTIALS_EXPIRED, "InvalidSecurityToken.Expired", action);
            }
            return key;
        }

        private void count(String action) {
            calls.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
        }

        private void injected(String action) {
            ConcurrentLinkedDeque<RamException> queue = failures.get(action);
            RamException failure = queue == null ? null : queue.poll();
            if (failure != null) {
                throw failure;
            }
        }
    }

    private AccessKeyCredentials issue(Role role, String sessionName, Duration duration) {
        long n = issued.incrementAndGet();
        String akid = "STS.TEMP" + n;
        String secret = "SECRET-DO-NOT-LEAK-temp-" + n;
        String token = "TOKEN-DO-NOT-LEAK-" + n;
        Instant expiration = clock.instant().plus(duration);
        keys.put(akid, new Key(role.accountId(), secret, token, expiration,
                "acs:ram::" + role.accountId() + ":assumed-role/" + role.roleName() + "/" + sessionName));
        return new AccessKeyCredentials(akid, secret, token, expiration);
    }

    private static RamException error(RamErrorKind kind, String code, String action) {
        return new RamException(kind, code, kind == RamErrorKind.NOT_FOUND ? 404 : 403, action,
                "rejected by the fake STS", "REQUEST-ID-FAKE", null);
    }
}
