package io.ramgrants.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.accounts.AccountResolver;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AlibabaCloudAccountStatus;
import io.ramgrants.api.SecretRef;
import io.ramgrants.controller.grant.EventRecorder;
import io.ramgrants.drift.DriftEventStates;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link AccountRegistry} in step with the AlibabaCloudAccount resources: resolves
 * and verifies each account's credentials, records the result, and reports it in status.
 *
 * <p>Runs in JOSDK's all-events mode so that a deleted account leaves the registry without a
 * finalizer (a finalizer on accounts would block their deletion whenever the operator is not
 * running). Besides its own resource, an account is reconciled again when its Secret changes
 * or when the account its AssumeRole goes through changes.
 */
@ControllerConfiguration(name = AlibabaCloudAccountReconciler.NAME, triggerReconcilerOnAllEvents = true)
public class AlibabaCloudAccountReconciler implements Reconciler<AlibabaCloudAccount> {
    public static final String NAME = "alibabacloudaccount";
    /** Reason of the Warning event for an account verified with the root account's own AccessKey. */
    public static final String ROOT_CREDENTIALS_EVENT = "RootCredentials";

    private static final Logger LOG = LoggerFactory.getLogger(AlibabaCloudAccountReconciler.class);

    private final AccountResolver resolver;
    private final AccountRegistry registry;
    private final ReferencedSecrets secrets;
    private final ReverificationSchedule schedule;
    private final Clock clock;
    private final EventRecorder events;
    private final DriftEventStates driftEvents;
    /** The generation each ready account was last verified at. */
    private final Map<String, Long> verifiedGeneration = new ConcurrentHashMap<>();
    /** What this reconciler last wrote; status.driftEvents is the drift event reader's. */
    private final WrittenStatuses<AlibabaCloudAccountStatus> written = new WrittenStatuses<>("driftEvents");

    public AlibabaCloudAccountReconciler(AccountResolver resolver, AccountRegistry registry, ReferencedSecrets secrets,
                                         ReverificationSchedule schedule, Clock clock) {
        this(resolver, registry, secrets, schedule, clock, (regarding, type, reason, message) -> { });
    }

    /** @param events hears a Warning when an account is verified with root credentials */
    public AlibabaCloudAccountReconciler(AccountResolver resolver, AccountRegistry registry, ReferencedSecrets secrets,
                                         ReverificationSchedule schedule, Clock clock, EventRecorder events) {
        this(resolver, registry, secrets, schedule, clock, events, DriftEventStates.off());
    }

    /** @param driftEvents each account's drift event feed state, shown as the DriftEvents condition */
    public AlibabaCloudAccountReconciler(AccountResolver resolver, AccountRegistry registry, ReferencedSecrets secrets,
                                         ReverificationSchedule schedule, Clock clock, EventRecorder events,
                                         DriftEventStates driftEvents) {
        this.driftEvents = Objects.requireNonNull(driftEvents, "driftEvents");
        this.events = Objects.requireNonNull(events, "events");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<EventSource<?, AlibabaCloudAccount>> prepareEventSources(EventSourceContext<AlibabaCloudAccount> context) {
        SimpleInboundEventSource<AlibabaCloudAccount> dependencies = new SimpleInboundEventSource<>("account-dependencies");
        secrets.addListener(account -> dependencies.propagateEvent(new ResourceID(account)));
        // The feed's state changed: the DriftEvents condition follows within this pass.
        driftEvents.addListener(account -> dependencies.propagateEvent(new ResourceID(account)));
        IndexerResourceCache<AlibabaCloudAccount> accounts = context.getPrimaryCache();
        registry.addListener(changed -> accounts.list(account -> changed.equals(viaName(account.getSpec())))
                .forEach(dependent -> dependencies.propagateEvent(ResourceID.fromResource(dependent))));
        return List.of(dependencies);
    }

    @Override
    public UpdateControl<AlibabaCloudAccount> reconcile(AlibabaCloudAccount account, Context<AlibabaCloudAccount> context) {
        String name = account.getMetadata().getName();
        if (context.isPrimaryResourceDeleted()) {
            written.forget(account);
            forget(name);
            return UpdateControl.noUpdate();
        }
        watchSecret(name, account.getSpec());
        Long generation = account.getMetadata().getGeneration();
        AccountHandle observed = resolver.resolve(name, account.getSpec());
        AccountHandle lastGood = lastGoodToKeep(name, observed, generation);
        boolean wasRoot = registry.byName(name).map(AccountHandle::rootIdentity).orElse(false);
        registry.put(lastGood != null ? lastGood : observed);
        if (observed.rootIdentity() && !wasRoot) {
            events.record(account, EventRecorder.Type.Warning, ROOT_CREDENTIALS_EVENT, observed.message());
        }
        if (observed.ready()) {
            verifiedGeneration.put(name, generation);
        } else if (lastGood == null) {
            verifiedGeneration.remove(name);
            LOG.info("AlibabaCloudAccount {} is not ready: {} - {}", name, observed.reason(), observed.message());
        }

        AlibabaCloudAccountStatus current = written.latest(account);
        Optional<io.fabric8.kubernetes.api.model.Condition> feed = driftEventsCondition(name,
                lastGood != null ? lastGood : observed, current, generation);
        AlibabaCloudAccountStatus status = lastGood != null
                ? AccountStatuses.build(lastGood, observed, generation, conditions(current), feed, clock.instant())
                : AccountStatuses.build(observed, null, generation, conditions(current), feed, clock.instant());
        // status.driftEvents is the drift event reader's (a merge patch of that field): left out of
        // this apply, so neither writer overwrites the other.
        if (!AccountStatuses.same(current, status)) {
            written.write(context, account, status);
        }
        return UpdateControl.<AlibabaCloudAccount>noUpdate().rescheduleAfter(schedule.next(name, observed.reason()));
    }

    /**
     * A transient STS failure while re-verifying an unchanged, verified account keeps it ready:
     * its credentials worked minutes ago, and flipping every grant to "account not ready" for a
     * throttled GetCallerIdentity would do more harm than the retry.
     */
    private AccountHandle lastGoodToKeep(String name, AccountHandle observed, Long generation) {
        if (observed.reason() != AccountReason.StsUnavailable || !Objects.equals(verifiedGeneration.get(name), generation)) {
            return null;
        }
        return registry.byName(name).filter(AccountHandle::ready).orElse(null);
    }

    /**
     * The DriftEvents condition of a ready account while drift events are on: from what its feed
     * reported in this process, else (before the first poll after a start) from the state the
     * feed left in status.driftEvents. None for an account that is not ready: it has no feed.
     */
    private Optional<io.fabric8.kubernetes.api.model.Condition> driftEventsCondition(String name, AccountHandle handle,
            AlibabaCloudAccountStatus current, Long generation) {
        if (!driftEvents.enabled()) {
            driftEvents.showOff(name, current == null ? null : current.driftEvents);
            return Optional.empty();
        }
        if (!handle.ready()) {
            driftEvents.forget(name);
            return Optional.empty();
        }
        return DriftEventConditions.of(driftEvents.current(name)
                .orElse(current == null ? null : current.driftEvents), generation);
    }

    private void watchSecret(String name, AlibabaCloudAccountSpec spec) {
        SecretRef ref = spec == null || spec.credentials == null ? null : spec.credentials.secretRef;
        if (ref != null && ref.name != null && ref.namespace != null) {
            secrets.watch(name, ref.namespace, ref.name);
        } else {
            secrets.unwatch(name);
        }
    }

    private void forget(String name) {
        secrets.unwatch(name);
        resolver.forget(name);
        schedule.forget(name);
        verifiedGeneration.remove(name);
        driftEvents.forget(name);
        registry.remove(name);
        LOG.info("AlibabaCloudAccount {} deleted; removed from the registry", name);
    }

    private static String viaName(AlibabaCloudAccountSpec spec) {
        if (spec == null || spec.credentials == null || spec.credentials.assumeRole == null
                || spec.credentials.assumeRole.via == null) {
            return null;
        }
        return spec.credentials.assumeRole.via.name;
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> conditions(AlibabaCloudAccountStatus status) {
        return status == null ? List.of() : status.conditions;
    }
}
