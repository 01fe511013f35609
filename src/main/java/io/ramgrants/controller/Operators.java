package io.ramgrants.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;

/** Builds the JOSDK {@link Operator} every controller registers with. */
public final class Operators {
    private Operators() {}

    /** How primary resources' status is written. */
    public enum StatusPatch {
        /**
         * Server-side apply, JOSDK's default: no read-modify-write conflicts, and our status is
         * rebuilt whole each pass, which is what an apply expects. For real API servers.
         */
        SERVER_SIDE_APPLY,
        /**
         * No SSA: for fabric8's mock API server (demo, tests), which answers SSA with 415. JOSDK then
         * sends a JSON Patch computed against its cache, not a merge patch, so the reconcilers
         * write their status themselves in this mode (GrantReconciler#statusUpdate,
         * AlibabaCloudAccountReconciler#statusUpdate).
         */
        MERGE_PATCH
    }

    public static Operator create(KubernetesClient client, StatusPatch statusPatch) {
        return new Operator(settings -> settings
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(statusPatch == StatusPatch.SERVER_SIDE_APPLY));
    }
}
