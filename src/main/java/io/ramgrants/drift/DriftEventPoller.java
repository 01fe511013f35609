package io.ramgrants.drift;

import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.OutOfBandWrites;
import io.ramgrants.engine.batch.SharedObservation;
import io.ramgrants.ram.ActionTrailGateway;
import io.ramgrants.ram.CredentialProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every ready account's RAM write events from ActionTrail, one {@code LookupEvents} call
 * per account per poll interval at most, and for each write the operator did not make: drops
 * the cached observations of the roles and policies it names, keeps who made it, and tells
 * {@code affected} so the grants owning them are reconciled now. Runs on one daemon thread,
 * and only while {@code active} (the leader).
 */
public final class DriftEventPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriftEventPoller.class);
    /** The cursor is written to the account's status at most this often while nothing else changes. */
    static final Duration SAVE_EVERY = Duration.ofMinutes(1);

    /** Roles and policies of one account someone else wrote to. */
    public record Affected(String accountId, Set<String> roles, Set<String> policies) {
    }

    private final AccountRegistry registry;
    private final BiFunction<AccountHandle, CredentialProvider, ActionTrailGateway> gateways;
    private final SharedObservation observation;
    private final DriftEventSettings settings;
    private final CursorStore cursors;
    private final Consumer<Affected> affected;
    private final BooleanSupplier active;
    private final Clock clock;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    /** Hears the account UID of every out-of-band write read (the metric); set before {@link #start}. */
    private volatile Consumer<String> outOfBandWrites = accountId -> { };

    private record Feed(AccountHandle handle, AccountFeed feed, Instant[] lastSaved, String[] lastState) {
    }

    public DriftEventPoller(AccountRegistry registry,
                            BiFunction<AccountHandle, CredentialProvider, ActionTrailGateway> gateways,
                            SharedObservation observation, CursorStore cursors, Consumer<Affected> affected,
                            BooleanSupplier active, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.observation = Objects.requireNonNull(observation, "observation");
        this.settings = observation.settings().driftEvents();
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.affected = Objects.requireNonNull(affected, "affected");
        this.active = Objects.requireNonNull(active, "active");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drift-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code counter} hears the account UID of every out-of-band write the feeds read. */
    public DriftEventPoller countingOutOfBandWrites(Consumer<String> counter) {
        this.outOfBandWrites = Objects.requireNonNull(counter, "counter");
        return this;
    }

    /** Starts polling every interval; accounts join and leave as the registry reports them. */
    public void start() {
        long millis = settings.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::pollSafely, 0, millis, TimeUnit.MILLISECONDS);
        LOG.info("drift events: reading RAM write events from ActionTrail every {} per account",
                settings.pollInterval());
    }

    /** One round over all ready accounts (the scheduled task; tests call it directly). */
    void pollAll() {
        if (!active.getAsBoolean()) {
            return;
        }
        syncAccounts();
        Instant now = clock.instant();
        for (Feed f : feeds.values()) {
            pollOne(f, now);
        }
    }

    /** The state of the account's feed, for tests and diagnostics. */
    public Optional<DriftEventsStatus> status(String accountName) {
        return Optional.ofNullable(feeds.get(accountName)).map(f -> f.feed().status());
    }

    private void pollSafely() {
        try {
            pollAll();
        } catch (RuntimeException e) {
            LOG.warn("drift events: poll failed; next round in {}", settings.pollInterval(), e);
        }
    }

    private void syncAccounts() {
        feeds.keySet().removeIf(name -> registry.byName(name).filter(AccountHandle::ready).isEmpty());
        registry.names().forEach(name -> registry.byName(name).filter(AccountHandle::ready).ifPresent(handle -> {
            Feed current = feeds.get(name);
            if (current == null || current.handle() != handle) {
                DriftEventsStatus saved = current != null ? current.feed().status() : cursors.load(name).orElse(null);
                AccountFeed feed = new AccountFeed(name, handle.accountId(),
                        gateways.apply(handle, handle.credentials()), settings, saved, clock.instant());
                feeds.put(name, new Feed(handle, feed, new Instant[] {Instant.MIN}, new String[] {null}));
            }
        }));
    }

    private void pollOne(Feed f, Instant now) {
        AccountFeed feed = f.feed();
        try {
            feed.ownAccessKey(f.handle().credentials().credentials().accessKeyId());
        } catch (RuntimeException e) {
            LOG.debug("drift events: {}: no current credentials", feed.accountName, e);
            return;
        }
        AccountFeed.Poll poll = feed.poll(now);
        Set<String> roles = new java.util.TreeSet<>();
        Set<String> policies = new java.util.TreeSet<>();
        for (RamWriteEvent event : poll.outOfBand()) {
            OutOfBandWrites.Write write = new OutOfBandWrites.Write(event.eventId(), event.eventTime(),
                    event.eventName(), Attributions.what(event), Attributions.caller(event), event.sourceIp(), now);
            LOG.info("drift events: {}: {}", feed.accountName, write.describe());
            outOfBandWrites.accept(feed.accountId);
            // A write naming a role is about that role (attachments); one naming only a policy is
            // about the policy's document, and every role holding it.
            observation.outOfBandWrite(feed.accountId, event.roles(),
                    event.roles().isEmpty() ? event.policies() : Set.of(), write);
            roles.addAll(event.roles());
            policies.addAll(event.roles().isEmpty() ? event.policies() : Set.of());
        }
        if (!roles.isEmpty() || !policies.isEmpty()) {
            // Once per poll: several writes to one role make one pass, which sees them all.
            affected.accept(new Affected(feed.accountId, Set.copyOf(roles), Set.copyOf(policies)));
        }
        boolean stateChanged = !feed.state().equals(f.lastState()[0]);
        if (stateChanged && AccountFeed.UNAVAILABLE.equals(feed.state())) {
            LOG.warn("drift events: {}: {}", feed.accountName, feed.status().message);
        }
        if (stateChanged || !poll.outOfBand().isEmpty() || !now.isBefore(f.lastSaved()[0].plus(SAVE_EVERY))) {
            cursors.save(feed.accountName, feed.status());
            f.lastSaved()[0] = now;
            f.lastState()[0] = feed.state();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
