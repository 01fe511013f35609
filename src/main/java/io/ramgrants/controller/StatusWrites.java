package io.ramgrants.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * How a reconciler hands its rebuilt status to Kubernetes. With server-side apply JOSDK writes
 * the status we return. Without it (demo, tests: the fabric8 mock answers SSA with 415) JOSDK
 * 5.2.3 sends a JSON Patch computed against its informer cache, which lags our own previous
 * status write when passes follow closely; its index-based condition operations then fail, and
 * the mock server never answers them, hanging that resource's reconcile for good. So without
 * SSA the reconciler writes the status itself against the object as the server holds it.
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
}
