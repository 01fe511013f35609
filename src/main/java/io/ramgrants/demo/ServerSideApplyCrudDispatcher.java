package io.ramgrants.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * fabric8's CRUD mock server, answering server-side apply (which it refuses with 415) for the one
 * field manager an operator is: an apply of {@code /status} replaces the status with the applied one
 * (what SSA does when one manager owns the whole status), an apply of the object merges the applied
 * fields (finalizers, annotations). Lets {@code demo}, {@code bench --with-kube} and the mock-server
 * test tiers take the status path {@code run} takes; conflicts between managers are the real-server
 * tier's to show (docs/testing.md). Works with the CRDs installed (the demo) or not (the harnesses):
 * with a status subresource, the mock keeps status writes to {@code /status} only, as a real server does.
 */
public class ServerSideApplyCrudDispatcher extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return super.handlePatch(asPlainPatch(request));
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
