package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
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
import io.ramgrants.api.DriftCorrection;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.WrittenStatuses;
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
    /** What this controller last wrote: a pass right after its own write builds on that, not on the older cache. */
    private final WrittenStatuses<GrantStatus> written = new WrittenStatuses<>();

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
        PassOutcome outcome = workflow.reconcile(grant, grant.getSpec(), written.latest(grant),
                intended -> recordIntent(context, grant, intended));
        // After a write intent inside the pass, the status to build on is the one that intent wrote.
        GrantStatus previous = written.latest(grant);
        if (outcome.deferred()) {
            return UpdateControl.<R>noUpdate().rescheduleAfter(resync.deferral());
        }
        events.record(grant, previous, outcome);
        metrics.record(grant, outcome, Duration.between(started, deps.clock().instant()));
        Instant now = deps.clock().instant();
        GrantStatus status = statuses.build(previous, outcome, grant.getMetadata().getGeneration(), now);
        attribute(grant, outcome, previous, status, started, now);
        boolean write = statuses.worthWriting(previous, status, now);
        log(grant, outcome, write);
        if (write) {
            written.write(context, grant, status);
        }
        return UpdateControl.<R>noUpdate().rescheduleAfter(resync.next(key(grant), outcome.verdict().retry()));
    }

    @Override
    public DeleteControl cleanup(R grant, Context<R> context) {
        Instant started = deps.clock().instant();
        GrantStatus previous = written.latest(grant);
        GrantWorkflow.Deletion deletion = workflow.delete(grant, grant.getSpec(), previous);
        PassOutcome outcome = deletion.outcome();
        if (outcome.deferred()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(resync.deferral());
        }
        events.record(grant, previous, outcome);
        metrics.record(grant, outcome, Duration.between(started, deps.clock().instant()));
        if (deletion.finished()) {
            resync.forget(key(grant));
            written.forget(grant);
            metrics.forget(grant);
            LOG.info("{} {}: deletion finished ({} RAM write(s)); finalizer removed", kind, key(grant),
                    outcome.applied().size());
            return DeleteControl.defaultDelete();
        }
        Instant now = deps.clock().instant();
        GrantStatus status = statuses.build(previous, outcome, grant.getMetadata().getGeneration(), now);
        if (statuses.worthWriting(previous, status, now)) {
            written.write(context, grant, status);
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
        GrantStatus status = statuses.build(written.latest(grant), PassOutcome.blocked(verdict),
                grant.getMetadata().getGeneration(), deps.clock().instant());
        try {
            written.write(context, grant, status);
        } catch (KubernetesClientException | OperatorException writeFailed) {
            LOG.warn("{} {}: could not write the error status: {}", kind, key(grant), writeFailed.getMessage());
        }
        // JOSDK retries the reconcile error either way.
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /**
     * The write intent: {@code status.inventory} with the accounts the pass is about to write into
     * first, written (as every status, through {@link WrittenStatuses}, so the rest of the pass and
     * an error status build on it) before that RAM write. If it fails the pass stops before any RAM
     * write ({@link GrantReasons#INVENTORY_NOT_RECORDED}).
     */
    private void recordIntent(Context<R> context, R grant, Inventory intended) {
        GrantStatus last = written.latest(grant);
        java.util.Set<String> fresh = new java.util.TreeSet<>(intended.accountIds());
        fresh.removeAll(StatusInventory.read(last).accountIds());
        GrantStatus status = GrantStatuses.withInventory(last, StatusInventory.write(intended));
        try {
            written.write(context, grant, status);
        } catch (RuntimeException e) {
            LOG.warn("{} {}: recording account(s) {} in status.inventory failed; no RAM write made", kind, key(grant),
                    fresh, e);
            throw new InventoryNotRecordedException("status.inventory could not record account(s) "
                    + String.join(", ", fresh) + " before the first RAM write there ("
                    + (e instanceof KubernetesClientException k ? "HTTP " + k.getCode() : e.getClass().getSimpleName())
                    + "); no RAM write made, retried", e);
        }
    }

    /** Who caused the drift (from ActionTrail events): in an Event and in {@code status.lastDriftCorrection.cause}. */
    private void attribute(R grant, PassOutcome outcome, GrantStatus previous, GrantStatus status, Instant started,
                           Instant now) {
        Instant lastCorrection = correctionTime(previous);
        String reported = lastCorrection == null ? null : previous.lastDriftCorrection.cause;
        outcome.result().flatMap(r -> causes.explain(r, started, now, lastCorrection, reported)).ifPresent(cause -> {
            if (cause.news()) {
                deps.events().record(grant, EventRecorder.Type.Warning,
                        cause.corrected() ? "OutOfBandChangeReverted" : "OutOfBandChangeDetected", cause.text());
                LOG.info("{} {}: {}", kind, key(grant), cause.text());
            }
            DriftCorrection last = status.lastDriftCorrection;
            if (cause.corrected() && cause.correctedAt() == null && last != null) {
                last.cause = cause.text(); // this pass's correction, a fresh object
            } else if (cause.corrected() && last != null && last.cause == null
                    && Conditions.timestamp(cause.correctedAt()).equals(last.time)) {
                // An earlier correction, explained now: a copy, so the previous status stays as it was.
                DriftCorrection explained = new DriftCorrection();
                explained.time = last.time;
                explained.actions = last.actions;
                explained.cause = cause.text();
                status.lastDriftCorrection = explained;
            } else if (!cause.corrected()) {
                status.notes.add("out-of-band change: " + cause.text());
            }
        });
    }

    private static Instant correctionTime(GrantStatus previous) {
        if (previous == null || previous.lastDriftCorrection == null || previous.lastDriftCorrection.time == null) {
            return null;
        }
        try {
            return Instant.parse(previous.lastDriftCorrection.time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
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
