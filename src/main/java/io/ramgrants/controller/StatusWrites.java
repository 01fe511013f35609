package io.ramgrants.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * How a reconciler hands its rebuilt status to Kubernetes: one path, the one {@code run} uses.
 * With server-side apply (every real API server) the status patch is a fresh object carrying only
 * identity and status, applied forced with the controller's field manager (the controller name,
 * as JOSDK applies it), without a resourceVersion: status is rebuilt from the latest observation,
 * so the last writer is right. JOSDK applies it after a reconcile; during deletion, where JOSDK
 * offers no status patch, {@link #apply} applies the same patch with the same field manager.
 *
 * <p>Without SSA (only where the fabric8 mock server answers SSA with 415: the demo and some
 * reliability tests, see {@code docs/testing.md}) the status is written onto the server's copy
 * instead. A failed status write is never swallowed: it propagates, and JOSDK retries the resource.
 */
public final class StatusWrites {
    private StatusWrites() {}

    public static boolean serverSideApply(Context<?> context) {
        return context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource();
    }

    /**
     * {@code patch} (identity + status) for JOSDK to apply with SSA; otherwise runs
     * {@code writeOnServerCopy} and asks JOSDK for no update.
     */
    public static <R extends HasMetadata> UpdateControl<R> update(Context<R> context, R patch,
                                                                   Runnable writeOnServerCopy) {
        if (serverSideApply(context)) {
            return UpdateControl.patchStatus(patch);
        }
        writeOnServerCopy.run();
        return UpdateControl.noUpdate();
    }

    /**
     * Writes {@code patch} (identity + status) now, where no {@link UpdateControl} can carry it
     * (deletion, error status): by forced server-side apply with the controller's field manager, or
     * {@code writeOnServerCopy} without SSA. Throws what the API server answers.
     */
    public static <R extends HasMetadata> void apply(Context<R> context, R patch, Runnable writeOnServerCopy) {
        if (!serverSideApply(context)) {
            writeOnServerCopy.run();
            return;
        }
        patch.getMetadata().setResourceVersion(null);
        patch.getMetadata().setManagedFields(null);
        context.getClient().resource(patch).subresource("status").patch(new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withForce(true)
                .withFieldManager(fieldManager(context))
                .build());
    }

    /** The field manager JOSDK applies status with: the controller's. */
    public static String fieldManager(Context<?> context) {
        return context.getControllerConfiguration().fieldManager();
    }
}
