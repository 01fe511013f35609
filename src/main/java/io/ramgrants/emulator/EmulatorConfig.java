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

    private final List<AccountKey> accounts;
    private final FaultSettings faults;
    private final long seed;
    private final double rate;
    private final boolean ramQuotas;
    private final Clock clock;
    private final Duration stsTokenTtl;
    private final int maxRolesPerAccount;
    private final int threads;
    private final ActionTrailSettings actionTrail;

    private EmulatorConfig(Builder b) {
        this.accounts = List.copyOf(b.accounts);
        this.faults = new FaultSettings(b.throttle, b.serverError, b.latencyMs, b.lostReply);
        this.seed = b.seed != null ? b.seed : System.nanoTime();
        this.rate = b.rate;
        this.ramQuotas = b.ramQuotas;
        this.clock = b.clock;
        this.stsTokenTtl = b.stsTokenTtl;
        this.maxRolesPerAccount = b.maxRolesPerAccount;
        this.threads = b.threads;
        this.actionTrail = ActionTrailSettings.delayed(b.eventDelay);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<AccountKey> accounts() {
        return accounts;
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

    /** How ActionTrail delivers the events of RAM writes at start. */
    public ActionTrailSettings actionTrail() {
        return actionTrail;
    }

    public static final class Builder {
        private final List<AccountKey> accounts = new ArrayList<>();
        private double throttle;
        private double serverError;
        private double lostReply;
        private long latencyMs;
        private Long seed;
        private double rate;
        private boolean ramQuotas;
        private Clock clock = Clock.systemUTC();
        private Duration stsTokenTtl;
        private int maxRolesPerAccount = 1000;
        private int threads = 16;
        private Duration eventDelay = Duration.ZERO;

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

        /** Delay between a RAM write and its ActionTrail event becoming visible to LookupEvents. */
        public Builder eventDelay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("eventDelay must be >= 0");
            }
            this.eventDelay = delay;
            return this;
        }

        public EmulatorConfig build() {
            Set<String> keys = new HashSet<>();
            for (AccountKey k : accounts) {
                if (!keys.add(k.accessKeyId())) {
                    throw new IllegalArgumentException("AccessKeyId used twice: " + k.accessKeyId());
                }
            }
            return new EmulatorConfig(this);
        }
    }
}
