package io.ramgrants.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status this controller last wrote to each resource, so that the next pass builds on it even
 * when the informer has not delivered that write yet. JOSDK 5.2 hands a pass the resource from the
 * informer cache and does not cache the answer of a status patch; a pass that follows our own write
 * closely (an event that arrived during a pass runs the next one at once) would otherwise read the
 * resource from before it, and a status rebuilt from that would write older conditions, roles,
 * inventory or last drift correction back.
 *
 * <p>The controller is the only writer of these statuses (apart from the top-level fields named as
 * {@code othersFields}, which another writer owns and this controller never applies), so the one it
 * last wrote is the current one until the cache shows it (the written resourceVersion, or a status
 * equal to it in the fields this controller owns); from then on the cache is the truth again and the
 * entry is dropped. The copy handed out carries the cached values of the other writer's fields. A fresh process starts empty and reads
 * what the informer listed. Every write goes through {@link StatusWrites#apply} (server-side apply,
 * the one status transport). Thread-safe; JOSDK runs one pass per resource at a time.
 *
 * @param <S> the status type
 */
public final class WrittenStatuses<S> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The written status as the JSON the API server stores, so no caller can mutate it afterwards. */
    private record Written(String resourceVersion, ObjectNode status, Class<?> type) {
    }

    private final Map<String, Written> byUid = new ConcurrentHashMap<>();
    private final List<String> othersFields;

    /**
     * @param othersFields top-level status fields another writer owns (the account's
     *                     {@code driftEvents}, written by the drift event reader)
     */
    public WrittenStatuses(String... othersFields) {
        this.othersFields = List.of(othersFields);
    }

    /**
     * The status to build the next one from: a copy of the one last written when the cached
     * resource predates that write, else the cached resource's own.
     */
    public <R extends CustomResource<?, S>> S latest(R cached) {
        String uid = cached.getMetadata().getUid();
        Written written = uid == null ? null : byUid.get(uid);
        if (written == null) {
            return cached.getStatus();
        }
        ObjectNode cachedStatus = cached.getStatus() == null ? null : JSON.valueToTree(cached.getStatus());
        if (Objects.equals(written.resourceVersion(), cached.getMetadata().getResourceVersion())
                || (cachedStatus != null && owned(cachedStatus).equals(written.status()))) {
            byUid.remove(uid, written);
            return cached.getStatus();
        }
        ObjectNode latest = written.status().deepCopy();
        for (String field : othersFields) {
            if (cachedStatus != null && cachedStatus.hasNonNull(field)) {
                latest.set(field, cachedStatus.get(field));
            }
        }
        return read(latest, written.type());
    }

    /** Writes {@code status} to {@code resource} ({@link StatusWrites#applyStatus}) and keeps it for {@link #latest}. */
    public <R extends CustomResource<?, S>> void write(Context<R> context, R resource, S status) {
        R answer = StatusWrites.applyStatus(context, resource, status);
        String uid = resource.getMetadata().getUid();
        if (uid != null && status != null) {
            String version = answer == null ? null : answer.getMetadata().getResourceVersion();
            byUid.put(uid, new Written(version, owned(JSON.valueToTree(status)), status.getClass()));
        }
    }

    /** The resource is gone (its deletion finished): nothing more is written to it. */
    public void forget(CustomResource<?, S> resource) {
        String uid = resource.getMetadata().getUid();
        if (uid != null) {
            byUid.remove(uid);
        }
    }

    /** {@code status} without the other writer's fields. */
    private ObjectNode owned(ObjectNode status) {
        ObjectNode owned = status.deepCopy();
        othersFields.forEach(owned::remove);
        return owned;
    }

    @SuppressWarnings("unchecked")
    private S read(ObjectNode status, Class<?> type) {
        try {
            return (S) JSON.treeToValue(status, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status this controller wrote no longer reads back", e);
        }
    }
}
