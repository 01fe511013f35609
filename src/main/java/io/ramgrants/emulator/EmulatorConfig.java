package io.ramgrants.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Everything the emulator is started with. Immutable; build with {@link #builder()}. */
public final class EmulatorConfig {
    /** One root AccessKey: the key and its secret belong to the account. */
    public record AccountKey(String accountId, String accessKeyId, String accessKeySecret) {
    }

    /** A RAM user with one AccessKey and the system policies attached to it at start. */
    public record UserKey(String accountId, String userName, String accessKeyId, String accessKeySecret,
                          List<String> systemPolicies) {
        public UserKey {
            systemPolicies = List.copyOf(systemPolicies);
        }
    }

    /** An OIDC identity provider registered in an account (RRSA), with the client IDs it accepts as {@code aud}. */
    public record OidcProvider(String accountId, String name, List<String> clientIds) {
        public OidcProvider {
            clientIds = List.copyOf(clientIds);
        }
    }

    private final List<AccountKey> accounts;
    private final List<UserKey> users;
    private final List<OidcProvider> oidcProviders;
    private final FaultSettings faults;
    private final long seed;
    private final double rate;
    private final boolean ramQuotas;
    private final Clock clock;
    private final Duration stsTokenTtl;
    private final int maxRolesPerAccount;
    private final int threads;

    private EmulatorConfig(Builder b) {
        this.accounts = List.copyOf(b.accounts);
        this.users = List.copyOf(b.users);
        this.oidcProviders = List.copyOf(b.oidcProviders);
        this.faults = new FaultSettings(b.throttle, b.serverError, b.latencyMs, b.lostReply, b.consistencyLag.toMillis());
        this.seed = b.seed != null ? b.seed : System.nanoTime();
        this.rate = b.rate;
        this.ramQuotas = b.ramQuotas;
        this.clock = b.clock;
        this.stsTokenTtl = b.stsTokenTtl;
        this.maxRolesPerAccount = b.maxRolesPerAccount;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<AccountKey> accounts() {
        return accounts;
    }

    public List<UserKey> users() {
        return users;
    }

    public List<OidcProvider> oidcProviders() {
        return oidcProviders;
    }

    public FaultSettings faults() {
        return faults;
    }

    public long seed() {
        return seed;
    }

    /** Per-account calls per second over all actions; 0 = unlimited. */
    public double rate() {
        return rate;
    }

    public boolean ramQuotas() {
        return ramQuotas;
    }

    public Clock clock() {
        return clock;
    }

    /** When present, STS credentials live this long instead of DurationSeconds (tests). */
    public Optional<Duration> stsTokenTtl() {
        return Optional.ofNullable(stsTokenTtl);
    }

    public int maxRolesPerAccount() {
        return maxRolesPerAccount;
    }

    public int threads() {
        return threads;
    }

    public static final class Builder {
        private final List<AccountKey> accounts = new ArrayList<>();
        private final List<UserKey> users = new ArrayList<>();
        private final List<OidcProvider> oidcProviders = new ArrayList<>();
        private double throttle;
        private double serverError;
        private double lostReply;
        private long latencyMs;
        private Duration consistencyLag = Duration.ZERO;
        private Long seed;
        private double rate;
        private boolean ramQuotas;
        private Clock clock = Clock.systemUTC();
        private Duration stsTokenTtl;
        private int maxRolesPerAccount = 1000;
        private int threads = 16;

        private Builder() {
        }

        /** Adds an account and one root AccessKey of it; repeat for more keys or accounts. */
        public Builder account(String accountId, String accessKeyId, String accessKeySecret) {
            if (accountId == null || !accountId.matches("\\d{1,32}")) {
                throw new IllegalArgumentException("account ID must be numeric, got " + accountId);
            }
            if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.startsWith("STS.")) {
                throw new IllegalArgumentException("invalid AccessKeyId " + accessKeyId);
            }
            if (accessKeySecret == null || accessKeySecret.isEmpty()) {
                throw new IllegalArgumentException("AccessKey secret must not be empty");
            }
            accounts.add(new AccountKey(accountId, accessKeyId, accessKeySecret));
            return this;
        }

        /**
         * Adds a RAM user of {@code accountId} with one AccessKey and {@code systemPolicies} attached:
         * the identity operators are normally given keys for. Its calls are authorised by its policies.
         */
        public Builder user(String accountId, String userName, String accessKeyId, String accessKeySecret,
                            String... systemPolicies) {
            account(accountId, accessKeyId, accessKeySecret);
            accounts.remove(accounts.size() - 1);
            if (userName == null || !userName.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException("invalid RAM user name " + userName);
            }
            for (String p : systemPolicies) {
                if (SystemPolicyCatalogue.get(p) == null) {
                    throw new IllegalArgumentException("no such system policy: " + p);
                }
            }
            users.add(new UserKey(accountId, userName, accessKeyId, accessKeySecret, List.of(systemPolicies)));
            return this;
        }

        /** Registers an OIDC provider {@code acs:ram::<accountId>:oidc-provider/<name>} accepting {@code clientIds}. */
        public Builder oidcProvider(String accountId, String name, String... clientIds) {
            if (accountId == null || !accountId.matches("\\d{1,32}") || name == null || name.isBlank() || clientIds.length == 0) {
                throw new IllegalArgumentException("an OIDC provider needs a numeric account, a name and client IDs");
            }
            oidcProviders.add(new OidcProvider(accountId, name, List.of(clientIds)));
            return this;
        }

        public Builder faultThrottle(double fraction) {
            this.throttle = fraction;
            return this;
        }

        public Builder fault5xx(double fraction) {
            this.serverError = fraction;
            return this;
        }

        /** Fraction of RAM writes that take effect but are answered 503/500 all the same. */
        public Builder faultLostReply(double fraction) {
            this.lostReply = fraction;
            return this;
        }

        /** After a write, dependent calls may still see the old state for a seeded random time up to {@code lag}. */
        public Builder consistencyLag(Duration lag) {
            if (lag.isNegative()) {
                throw new IllegalArgumentException("consistency lag must be >= 0");
            }
            this.consistencyLag = lag;
            return this;
        }

        public Builder latencyMs(long millis) {
            this.latencyMs = millis;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Per-account token bucket over all calls, in calls per second; 0 turns it off. */
        public Builder rate(double callsPerSecond) {
            if (callsPerSecond < 0) {
                throw new IllegalArgumentException("rate must be >= 0");
            }
            this.rate = callsPerSecond;
            return this;
        }

        /** Enforce RAM's documented per-account, per-API quotas (e.g. 10/s AttachPolicyToRole). */
        public Builder ramQuotas(boolean enabled) {
            this.ramQuotas = enabled;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock);
            return this;
        }

        public Builder stsTokenTtl(Duration ttl) {
            this.stsTokenTtl = ttl;
            return this;
        }

        /** RAM's default quota is 1000 roles per account; benchmarks may raise it. */
        public Builder maxRolesPerAccount(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRolesPerAccount must be >= 1");
            }
            this.maxRolesPerAccount = max;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = threads;
            return this;
        }

        public EmulatorConfig build() {
            Set<String> keys = new HashSet<>();
            for (AccountKey k : accounts) {
                if (!keys.add(k.accessKeyId())) {
                    throw new IllegalArgumentException("AccessKeyId used twice: " + k.accessKeyId());
                }
            }
            for (UserKey u : users) {
                if (!keys.add(u.accessKeyId())) {
                    throw new IllegalArgumentException("AccessKeyId used twice: " + u.accessKeyId());
                }
            }
            return new EmulatorConfig(this);
        }
    }
}
