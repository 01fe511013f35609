package io.ramgrants.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * fabric8's CRUD mock server, answering server-side apply (which it refuses with 415): an apply of
 * {@code /status} sets the top-level status fields the manager applies and removes those it applied
 * before and no longer does, leaving the fields other writers set (an account's
 * {@code status.driftEvents}, merged by the drift event reader, beside the conditions the account
 * reconciler applies): SSA's field ownership, at the granularity of top-level status fields. An
 * apply of the object merges the applied fields (finalizers, annotations). Lets {@code demo}, {@code bench --with-kube} and the mock-server
 * test tiers take the status path {@code run} takes; conflicts between managers are the real-server
 * tier's to show (docs/testing.md). Works with the CRDs installed (the demo) or not (the harnesses):
 * with a status subresource, the mock keeps status writes to {@code /status} only, as a real server does.
 */
public class ServerSideApplyCrudDispatcher extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per object path and field manager: the top-level status fields it applied last. */
    private final Map<String, Map<String, Set<String>>> appliedStatusFields = new HashMap<>();

    /** Synchronized: a status apply reads the stored status, then patches it, with no other patch between. */
    @Override
    public synchronized MockResponse handlePatch(RecordedRequest request) {
        RecordedRequest fieldwise = statusApplyByField(request);
        return super.handlePatch(fieldwise != null ? fieldwise : asPlainPatch(request));
    }

    /** A status apply as a JSON Patch of the manager's top-level fields; null for any other request. */
    private RecordedRequest statusApplyByField(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        String[] pathAndQuery = request.getPath().split("\\?", 2);
        if (!"PATCH".equalsIgnoreCase(request.getMethod()) || type == null
                || !type.startsWith("application/apply-patch") || !pathAndQuery[0].endsWith("/status")) {
            return null;
        }
        String path = pathAndQuery[0];
        String objectPath = path.substring(0, path.length() - "/status".length());
        String manager = queryParameter(pathAndQuery.length > 1 ? pathAndQuery[1] : "", "fieldManager");
        try {
            Map.Entry<?, String> stored = findResource(getKey(objectPath));
            if (stored == null) {
                return null;
            }
            JsonNode appliedStatus = JSON.readTree(request.getUtf8Body()).path("status");
            ObjectNode applied = appliedStatus.isObject() ? (ObjectNode) appliedStatus : JSON.createObjectNode();
            Set<String> now = new LinkedHashSet<>();
            applied.fieldNames().forEachRemaining(f -> {
                if (!applied.get(f).isNull()) {
                    now.add(f);
                }
            });
            Map<String, Set<String>> byManager = appliedStatusFields.computeIfAbsent(objectPath, k -> new HashMap<>());
            Set<String> before = byManager.getOrDefault(manager, Set.of());
            byManager.put(manager, now);
            JsonNode current = JSON.readTree(stored.getValue()).path("status");
            ArrayNode ops = JSON.createArrayNode();
            if (!current.isObject()) {
                ObjectNode value = JSON.createObjectNode();
                now.forEach(f -> value.set(f, applied.get(f)));
                ops.addObject().put("op", "add").put("path", "/status").set("value", value);
            } else {
                for (String f : now) {
                    ops.addObject().put("op", "add").put("path", "/status/" + pointer(f)).set("value", applied.get(f));
                }
                for (String f : before) {
                    boolean appliedByOthers = byManager.entrySet().stream()
                            .anyMatch(e -> !e.getKey().equals(manager) && e.getValue().contains(f));
                    if (!now.contains(f) && current.has(f) && !appliedByOthers) {
                        ops.addObject().put("op", "remove").put("path", "/status/" + pointer(f));
                    }
                }
            }
            return new RecordedRequest(request.getHttpVersion(), request.method(), path,
                    request.getHeaders().newBuilder().set("Content-Type", "application/json-patch+json").build(),
                    new Buffer(JSON.writeValueAsBytes(ops)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String queryParameter(String query, String name) {
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String pointer(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }

    /**
     * An apply as the plain patch the CRUD mock understands (a JSON Patch replacing the status, or
     * a merge patch of the applied fields); any other request unchanged. Also for dispatchers that
     * cannot extend this one (fabric8's mixed dispatcher).
     */
    public static RecordedRequest asPlainPatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (!"PATCH".equalsIgnoreCase(request.getMethod()) || type == null
                || !type.startsWith("application/apply-patch")) {
            return request;
        }
        try {
            JsonNode applied = JSON.readTree(request.getUtf8Body());
            // Without the query (fieldManager, force: meaningless to a JSON or merge patch): the
            // dispatcher tells a status write by the path ending in /status, and on a CRD with a
            // status subresource it drops the status of any other write.
            String path = request.getPath().split("\\?", 2)[0];
            boolean status = path.endsWith("/status");
            String body;
            String patchType;
            if (status) {
                ObjectNode op = JSON.createObjectNode().put("op", "add").put("path", "/status");
                // An apply without status leaves this manager owning none of it.
                op.set("value", applied.hasNonNull("status") ? applied.get("status") : JSON.createObjectNode());
                body = JSON.writeValueAsString(JSON.createArrayNode().add(op));
                patchType = "application/json-patch+json";
            } else {
                ObjectNode merge = ((ObjectNode) applied).deepCopy();
                merge.remove("apiVersion");
                merge.remove("kind");
                body = JSON.writeValueAsString(merge);
                patchType = "application/merge-patch+json";
            }
            return new RecordedRequest(request.getHttpVersion(), request.method(), path,
                    request.getHeaders().newBuilder().set("Content-Type", patchType).build(),
                    new Buffer(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
