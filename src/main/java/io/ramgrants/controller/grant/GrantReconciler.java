package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.StatusWrites;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.Inventory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK reconciler of one grant kind; the same code serves all three. It only wires the
 * {@link GrantWorkflow} to Kubernetes: status, events, metrics and when to come back. It
 * makes no RAM call and knows no seed rule.
 */
public abstract class GrantReconciler<R extends CustomResource<S, GrantStatus>, S extends GrantSpec>
        implements Reconciler<R>, Cleaner<R> {
    public static final String FINALIZER = "ramgrants.io/finalizer";
    private static final Logger LOG = LoggerFactory.getLogger(GrantReconciler.class);

    private final Class<R> type;
    private final String kind;
    private final GrantDependencies deps;
    private final GrantWorkflow workflow;
    private final GrantStatuses statuses;
    private final GrantEvents events;
    private final GrantMetrics metrics;
    private final Resync resync;
    private final AccountUsage usage = new AccountUsage();
    private final AccountRequeue requeue;
    private final DriftCauses causes;
    /**
     * The last correction written per grant: a pass that follows its own status write closely reads
     * a cache without it, and would otherwise write the older correction (and lose its cause) back.
     */
    private final java.util.Map<String, io.ramgrants.api.DriftCorrection> lastCorrections =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Per grant, the status its running pass wrote itself before a RAM write into a new account
     * (the write intent): the pass's own status starts from it, not from the cached one that
     * predates it, so neither its final write nor an error status drops the recorded account.
     */
    private final java.util.Map<String, GrantStatus> intentsWritten = new java.util.concurrent.ConcurrentHashMap<>();

    protected GrantReconciler(Class<R> type, GrantDependencies deps, Precondition precondition) {
        this.type = type;
        this.kind = HasMetadata.getKind(type);
        this.deps = deps;
        this.workflow = new GrantWorkflow(deps.registry(), deps.claims(), usage, precondition, deps.observation(),
                deps.slots());
        this.statuses = new GrantStatuses(deps.resyncPeriod().dividedBy(2));
        this.events = new GrantEvents(deps.events());
        this.metrics = new GrantMetrics(kind, deps.metrics());
        this.resync = new Resync(deps.resyncPeriod(), deps.firstRetry());
        this.requeue = new AccountRequeue(deps.registry(), usage);
        this.causes = new DriftCauses(deps.observation().outOfBandWrites());
    }

    public Class<R> resourceType() {
        return type;
    }

    public String kind() {
        return kind;
    }

    /** The resync period: also JOSDK's maximum reconciliation interval, as a backstop. */
    public Duration resyncPeriod() {
        return resync.period();
    }

    @Override
    public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
        SimpleInboundEventSource<R> dependencies = new SimpleInboundEventSource<>(kind + "-dependencies");
        requeue.onChange(owner -> dependencies.propagateEvent(resourceId(owner)));
        deps.claims().addListener(owner -> {
            if (owner.kind().equals(kind)) {
                dependencies.propagateEvent(resourceId(owner));
            }
        });
        deps.slots().addListener(owner -> {
            if (owner.kind().equals(kind)) {
                dependencies.propagateEvent(resourceId(owner));
            }
        });
        return List.of(dependencies);
    }

    @Override
    public UpdateControl<R> reconcile(R grant, Context<R> context) {
        Instant started = deps.clock().instant();
        PassOutcome outcome = workflow.reconcile(grant, grant.getSpec(), grant.getStatus(),
                intended -> recordIntent(context, grant, intended));
        GrantStatus last = lastWritten(grant);
        if (outcome.deferred()) {
            return UpdateControl.<R>noUpdate().rescheduleAfter(resync.deferral());
        }
        events.record(grant, grant.getStatus(), outcome);
        metrics.record(grant, outcome, Duration.between(started, deps.clock().instant()));
        Instant now = deps.clock().instant();
        GrantStatus status = statuses.build(last, outcome, grant.getMetadata().getGeneration(), now);
        attribute(grant, outcome, status, started, now);
        keepLatestCorrection(key(grant), outcome, status);
        boolean write = statuses.worthWriting(last, status, now);
        log(grant, outcome, write);
        UpdateControl<R> control = write ? statusUpdate(grant, status) : UpdateControl.noUpdate();
        return control.rescheduleAfter(resync.next(key(grant), outcome.verdict().retry()));
    }

    @Override
    public DeleteControl cleanup(R grant, Context<R> context) {
        Instant started = deps.clock().instant();
        GrantWorkflow.Deletion deletion = workflow.delete(grant, grant.getSpec(), grant.getStatus());
        PassOutcome outcome = deletion.outcome();
        if (outcome.deferred()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(resync.deferral());
        }
        events.record(grant, grant.getStatus(), outcome);
        metrics.record(grant, outcome, Duration.between(started, deps.clock().instant()));
        if (deletion.finished()) {
            resync.forget(key(grant));
            lastCorrections.remove(key(grant));
            metrics.forget(grant);
            LOG.info("{} {}: deletion finished ({} RAM write(s)); finalizer removed", kind, key(grant),
                    outcome.applied().size());
            return DeleteControl.defaultDelete();
        }
        Instant now = deps.clock().instant();
        GrantStatus status = statuses.build(grant.getStatus(), outcome, grant.getMetadata().getGeneration(), now);
        if (statuses.worthWriting(grant.getStatus(), status, now)) {
            StatusWrites.applyStatus(context, grant, status);
        }
        log(grant, outcome, true);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(resync.next(key(grant), outcome.verdict().retry()));
    }

    /** An unexpected exception: say so in status (the log has the details); JOSDK retries. */
    @Override
    public ErrorStatusUpdateControl<R> updateErrorStatus(R grant, Context<R> context, Exception e) {
        LOG.warn("{} {}: unexpected error", kind, key(grant), e);
        Verdict verdict = Verdict.retrying(GrantReasons.RECONCILE_ERROR,
                "unexpected " + e.getClass().getSimpleName() + "; see the operator log");
        GrantStatus status = statuses.build(lastWritten(grant), PassOutcome.blocked(verdict),
                grant.getMetadata().getGeneration(), deps.clock().instant());
        // JOSDK applies it like any status (StatusWrites) and retries the reconcile error either way.
        return ErrorStatusUpdateControl.patchStatus(StatusWrites.statusOnly(grant, status));
    }

    /**
     * The write intent: {@code status.inventory} with the accounts the pass is about to write into
     * first, applied (through {@link StatusWrites}, like every status) before that RAM write. If it
     * fails the pass stops before any RAM write ({@link GrantReasons#INVENTORY_NOT_RECORDED}).
     */
    private void recordIntent(Context<R> context, R grant, Inventory intended) {
        GrantStatus last = intentsWritten.getOrDefault(key(grant), grant.getStatus());
        java.util.Set<String> fresh = new java.util.TreeSet<>(intended.accountIds());
        fresh.removeAll(StatusInventory.read(last).accountIds());
        GrantStatus status = GrantStatuses.withInventory(last, StatusInventory.write(intended));
        try {
            StatusWrites.applyStatus(context, grant, status);
        } catch (RuntimeException e) {
            LOG.warn("{} {}: recording account(s) {} in status.inventory failed; no RAM write made", kind, key(grant),
                    fresh, e);
            throw new InventoryNotRecordedException("status.inventory could not record account(s) "
                    + String.join(", ", fresh) + " before the first RAM write there ("
                    + (e instanceof KubernetesClientException k ? "HTTP " + k.getCode() : e.getClass().getSimpleName())
                    + "); no RAM write made, retried", e);
        }
        intentsWritten.put(key(grant), status);
    }

    /** The status this grant's pass wrote as its write intent (taken, once), else the cached one. */
    private GrantStatus lastWritten(R grant) {
        GrantStatus written = intentsWritten.remove(key(grant));
        return written != null ? written : grant.getStatus();
    }

    private void keepLatestCorrection(String key, PassOutcome outcome, GrantStatus status) {
        io.ramgrants.api.DriftCorrection latest = status.lastDriftCorrection;
        if (latest != null && !outcome.applied().isEmpty()) {
            lastCorrections.put(key, latest);
            return;
        }
        io.ramgrants.api.DriftCorrection remembered = lastCorrections.get(key);
        if (remembered != null && (latest == null || latest.time == null
                || (remembered.time != null && remembered.time.compareTo(latest.time) > 0))) {
            status.lastDriftCorrection = remembered;
        }
    }

    /** Who caused the drift (from ActionTrail events): in an Event and in {@code status.lastDriftCorrection.cause}. */
    private void attribute(R grant, PassOutcome outcome, GrantStatus status, Instant started, Instant now) {
        outcome.result().flatMap(result -> causes.explain(result, started, now)).ifPresent(cause -> {
            if (cause.news()) {
                deps.events().record(grant, EventRecorder.Type.Warning,
                        cause.corrected() ? "OutOfBandChangeReverted" : "OutOfBandChangeDetected", cause.text());
                LOG.info("{} {}: {}", kind, key(grant), cause.text());
            }
            if (cause.corrected() && status.lastDriftCorrection != null) {
                status.lastDriftCorrection.cause = cause.text();
            } else if (!cause.corrected()) {
                status.notes.add("out-of-band change: " + cause.text());
            }
        });
    }

    /** See {@link StatusWrites}. */
    private UpdateControl<R> statusUpdate(R grant, GrantStatus status) {
        return StatusWrites.statusUpdate(grant, status);
    }

    private void log(R grant, PassOutcome outcome, boolean statusChanged) {
        if (statusChanged || !outcome.applied().isEmpty()) {
            LOG.info("{} {}: {} - {} ({} RAM write(s))", kind, key(grant), outcome.verdict().reason(),
                    outcome.verdict().message(), outcome.applied().size());
        } else {
            LOG.debug("{} {}: {}", kind, key(grant), outcome.verdict().reason());
        }
    }

    private static ResourceID resourceId(OwnerRef owner) {
        return new ResourceID(owner.name(), owner.namespace());
    }

    private static String key(HasMetadata grant) {
        return grant.getMetadata().getNamespace() + "/" + grant.getMetadata().getName();
    }
}
