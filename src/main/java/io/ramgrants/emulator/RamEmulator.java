package io.ramgrants.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RAM and STS emulator (with ActionTrail's LookupEvents over the RAM writes it served): an HTTP server on 127.0.0.1 that the Alibaba Cloud SDKs cannot
 * tell from the real services for the calls this project makes.
 *
 * <pre>{@code
 * try (RamEmulator emu = RamEmulator.start(EmulatorConfig.builder()
 *         .account("1111111111111111", "AKID1", "secret1").build(), 0)) {
 *     String endpoint = emu.endpoint();   // http://127.0.0.1:PORT/
 * }
 * }</pre>
 */
public final class RamEmulator implements AutoCloseable {
    static {
        // The JDK server otherwise leaves Nagle on: every small response then waits ~40 ms for a delayed ACK.
        // Read once when the JDK server's configuration loads, so it must be set before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CallCounters counters = new CallCounters();
    /** Suffix of lost-reply keys in {@link #faultCounts()}. */
    public static final String LOST_REPLY_SUFFIX = "#lostReply";

    private final FaultInjector faults;
    private final ActionTrailLog trail;
    private final CredentialStore credentials;
    private final Accounts accounts;
    private final java.util.concurrent.atomic.AtomicLong userSequence;
    private final java.time.Clock clock;

    private RamEmulator(EmulatorConfig config, int port) throws IOException {
        this.faults = new FaultInjector(config.faults(), config.seed());
        this.credentials = new CredentialStore(config.accounts(), config.clock());
        this.accounts = new Accounts(config.maxRolesPerAccount(), config.seed(),
                () -> java.time.Duration.ofMillis(this.faults.settings().consistencyLagMs()));
        this.clock = config.clock();
        // User IDs look like RAM's 16-digit numbers; seeded so runs repeat.
        this.userSequence = new java.util.concurrent.atomic.AtomicLong(
                200_000_000_000_000L + Math.floorMod(config.seed(), 1_000_000_000L) * 1000);
        config.users().forEach(this::addUser);
        Permissions permissions = new Permissions(accounts);
        ActionRouter router = new ActionRouter();
        Map<String, Action> ram = new HashMap<>();
        new RoleActions(config.seed()).register(ram);
        AttachmentActions.register(ram);
        PolicyActions.register(ram);
        PolicyVersionActions.register(ram);
        UserActions.register(ram);
        router.add(ActionRouter.Product.RAM, ram);
        Map<String, Action> sts = new HashMap<>();
        new StsActions(credentials, permissions, config.stsTokenTtl(), config.oidcProviders()).register(sts);
        router.add(ActionRouter.Product.STS, sts);
        this.trail = new ActionTrailLog(config.actionTrail(), config.seed());
        Map<String, Action> actionTrail = new HashMap<>();
        new ActionTrailActions(trail, permissions).register(actionTrail);
        router.add(ActionRouter.Product.ACTIONTRAIL, actionTrail);
        RequestAuthenticator authenticator = new RequestAuthenticator(credentials,
                new NonceCache(config.clock()), config.clock());
        RateLimits rateLimits = new RateLimits(config.rate(), config.ramQuotas(), System::nanoTime);

        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        this.executor = Executors.newFixedThreadPool(config.threads(), daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new EmulatorHttpHandler(router, authenticator, rateLimits, faults, permissions,
                counters, accounts, config.clock(), trail));
        server.createContext(AdminHandler.PREFIX, new AdminHandler(this, counters));
        server.start();
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 = any free port); returns once it accepts requests. */
    public static RamEmulator start(EmulatorConfig config, int port) {
        try {
            return new RamEmulator(config, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RAM/STS emulator on port " + port, e);
        }
    }

    /** The per-account, per-API quotas (calls per second) that {@code ramQuotas(true)} enforces: documented or assumed. */
    public static Map<String, Integer> ramQuotas() {
        return RateLimits.RAM_QUOTAS;
    }

    /** The subset of {@link #ramQuotas()} a published Alibaba Cloud page backs (the rest is assumed). */
    public static Map<String, Integer> documentedQuotas() {
        return RateLimits.TABLE.stream().filter(q -> !q.source().equals(RateLimits.ASSUMED))
                .collect(java.util.stream.Collectors.toUnmodifiableMap(RateLimits.Quota::action, RateLimits.Quota::perSecond));
    }

    /**
     * Creates a RAM user with one AccessKey and the given system policies attached (out of band,
     * as an administrator would in the console). Further policies: AttachPolicyToUser.
     */
    public void addUser(EmulatorConfig.UserKey user) {
        for (String p : user.systemPolicies()) {
            if (SystemPolicyCatalogue.get(p) == null) {
                throw new IllegalArgumentException("no such system policy: " + p);
            }
        }
        AccountState account = accounts.of(user.accountId());
        UserEntry entry;
        synchronized (account) {
            if (account.users.containsKey(AccountState.key(user.userName()))) {
                throw new IllegalArgumentException("the user already exists: " + user.userName());
            }
            entry = new UserEntry(user.userName(), String.valueOf(userSequence.incrementAndGet()), clock.instant());
            credentials.addUserKey(user.accessKeyId(), user.accessKeySecret(),
                    Caller.ramUser(user.accountId(), entry.userName, entry.userId));
            for (String p : user.systemPolicies()) {
                entry.attachments.put(new PolicyRef(PolicyRef.SYSTEM, p), clock.instant());
            }
            account.users.put(AccountState.key(user.userName()), entry);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/}, for both RAM and STS. */
    public String endpoint() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Calls that were served (not faulted), per account and action; a snapshot. */
    public Map<String, Map<String, Long>> callCounts() {
        return counters.snapshot(CallCounters.Kind.SERVED);
    }

    /**
     * Calls answered with a throttle (injected or rate limit) or an injected 5xx, keyed by action;
     * writes that took effect but whose reply was lost, keyed {@code <Action>#lostReply}; a snapshot.
     */
    public Map<String, Map<String, Long>> faultCounts() {
        Map<String, Map<String, Long>> out = counters.snapshot(CallCounters.Kind.THROTTLED, CallCounters.Kind.SERVER_ERROR);
        lostReplyCounts().forEach((account, actions) -> actions.forEach((action, n) ->
                out.computeIfAbsent(account, a -> new TreeMap<>()).put(action + LOST_REPLY_SUFFIX, n)));
        return out;
    }

    /** Writes that took effect but were answered with a 5xx (lost reply), per account and action; a snapshot. */
    public Map<String, Map<String, Long>> lostReplyCounts() {
        return counters.snapshot(CallCounters.Kind.LOST_REPLY);
    }

    public void resetCounters() {
        counters.reset();
    }

    public FaultSettings faults() {
        return faults.settings();
    }

    public void setFaults(FaultSettings settings) {
        faults.settings(java.util.Objects.requireNonNull(settings));
    }

    /** How ActionTrail delivers the events of RAM writes (delay, loss, duplicates). */
    public ActionTrailSettings actionTrail() {
        return trail.settings();
    }

    public void setActionTrail(ActionTrailSettings settings) {
        trail.settings(settings);
    }

    /** ActionTrail records calls signed with {@code accessKeyId} as coming from {@code address}. */
    public void sourceAddress(String accessKeyId, String address) {
        trail.sourceAddress(accessKeyId, address);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ram-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
