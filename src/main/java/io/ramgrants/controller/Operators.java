package io.ramgrants.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;

/** Builds the JOSDK {@link Operator} every controller registers with. */
public final class Operators {
    private Operators() {}

    /**
     * Status by server-side apply, as {@code run} writes it (see {@link StatusWrites}); on fabric8's
     * mock server with {@code demo.ServerSideApplyCrudDispatcher}.
     */
    public static Operator create(KubernetesClient client) {
        return new Operator(settings -> settings
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(true));
    }
}
