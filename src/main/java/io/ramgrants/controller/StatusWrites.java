package io.ramgrants.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * How a reconciler hands its rebuilt status to Kubernetes: one path, the one {@code run} uses, in
 * every harness, the demo and the bench too (on fabric8's mock server through
 * {@code demo.ServerSideApplyCrudDispatcher}). The status patch is a fresh object carrying only
 * identity and status, applied by server-side apply, forced, with the controller's field manager
 * (the controller name, as JOSDK applies it), without a resourceVersion: status is rebuilt from the
 * latest observation, so the last writer is right. Every controller applies it itself
 * ({@link #applyStatus} through {@link WrittenStatuses}, which keeps what it wrote for the next pass).
 * A failed status write is never swallowed: it propagates, and JOSDK retries the resource.
 */
public final class StatusWrites {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusWrites() {}

    /**
     * Whether two statuses say the same, compared as the JSON the API server stores, so a field
     * added to a status type is compared without anyone remembering to; {@code ignoring} names
     * top-level fields that do not count (e.g. a sync time refreshed on its own schedule).
     */
    public static boolean sameStatus(Object previous, Object next, String... ignoring) {
        if (previous == null || next == null) {
            return previous == next;
        }
        return tree(previous, ignoring).equals(tree(next, ignoring));
    }

    /**
     * A deep copy of {@code status} through the JSON the API server stores, so every field is
     * carried, including one added to the status type later.
     */
    @SuppressWarnings("unchecked")
    public static <S> S copy(S status) {
        try {
            return (S) JSON.treeToValue(JSON.valueToTree(status), status.getClass());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a status no longer reads back as its own type", e);
        }
    }

    private static JsonNode tree(Object status, String... ignoring) {
        ObjectNode tree = JSON.valueToTree(status);
        for (String field : ignoring) {
            tree.remove(field);
        }
        return tree;
    }

    /** {@link #apply} of {@link #statusOnly}; returns the resource as the API server answered. */
    public static <S, R extends CustomResource<?, S>> R applyStatus(Context<R> context, R resource, S status) {
        return apply(context, statusOnly(resource, status));
    }

    /** A fresh object of {@code resource}'s kind with only its name, namespace and {@code status}. */
    public static <S, R extends CustomResource<?, S>> R statusOnly(R resource, S status) {
        R patch = newInstance(resource);
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        return patch;
    }

    @SuppressWarnings("unchecked")
    private static <R extends HasMetadata> R newInstance(R resource) {
        try {
            return (R) resource.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(resource.getClass() + " needs a public no-argument constructor", e);
        }
    }

    /**
     * Writes {@code patch} (identity + status) now by forced server-side apply with the controller's
     * field manager, and returns the resource as the API server answered. Throws what the API server
     * answers.
     */
    public static <R extends HasMetadata> R apply(Context<R> context, R patch) {
        patch.getMetadata().setResourceVersion(null);
        patch.getMetadata().setManagedFields(null);
        return context.getClient().resource(patch).subresource("status").patch(new PatchContext.Builder()
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
