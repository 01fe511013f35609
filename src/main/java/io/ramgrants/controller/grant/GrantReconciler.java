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
        PassOutcome outcome = workflow.reconcile(grant, grant.getSpec(), grant.getStatus());
        if (outcome.deferred()) {
            return UpdateControl.<R>noUpdate().rescheduleAfter(resync.deferral());
        }
        events.record(grant, grant.getStatus(), outcome);
        metrics.record(grant, outcome, Duration.between(started, deps.clock().instant()));
        Instant now = deps.clock().instant();
        GrantStatus status = statuses.build(grant.getStatus(), outcome, grant.getMetadata().getGeneration(), now);
        boolean write = statuses.worthWriting(grant.getStatus(), status, now);
        log(grant, outcome, write);
        UpdateControl<R> control = write ? statusUpdate(grant, status, context) : UpdateControl.noUpdate();
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
        GrantStatus status = statuses.build(grant.getStatus(), PassOutcome.blocked(verdict),
                grant.getMetadata().getGeneration(), deps.clock().instant());
        if (StatusWrites.serverSideApply(context)) {
            return ErrorStatusUpdateControl.patchStatus(StatusWrites.statusOnly(grant, status));
        }
        try {
            StatusWrites.writeOnServerCopy(deps.client(), grant, status);
        } catch (KubernetesClientException writeFailed) {
            // The status says nothing new here; the reconcile error that brought us is what JOSDK retries.
            LOG.warn("{} {}: could not write the error status: HTTP {}", kind, key(grant), writeFailed.getCode());
        }
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    /** See {@link StatusWrites}: without server-side apply the status is written on the server's copy. */
    private UpdateControl<R> statusUpdate(R grant, GrantStatus status, Context<R> context) {
        return StatusWrites.statusUpdate(context, grant, status);
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
