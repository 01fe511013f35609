package io.ramgrants.reliability;

import java.util.List;
import java.util.Optional;

/**
 * An HTTP request to the Kubernetes API in RBAC terms: the API group, the resource (with its
 * subresource, {@code leases} or {@code dmsaccessroles/status}) and the verb the API server
 * authorises it as.
 *
 * @param group "" for the core API
 */
record KubernetesRequest(String group, String resource, String verb) {
    /**
     * Empty for requests that need no RBAC rule of ours: discovery (non-resource URLs every
     * authenticated user may read) and the SelfSubjectRulesReview JOSDK sends before leader
     * election, which every authenticated user may create.
     */
    static Optional<KubernetesRequest> of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        String group;
        int rest;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            rest = 2;
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = 3;
        } else {
            return Optional.empty();
        }
        List<String> tail = parts.subList(rest, parts.size());
        if (tail.size() >= 2 && tail.get(0).equals("namespaces") && tail.size() != 2) {
            tail = tail.subList(2, tail.size());
        }
        String resource = tail.get(0) + (tail.size() >= 3 ? "/" + tail.get(2) : "");
        if (group.equals("authorization.k8s.io")) {
            return Optional.empty();
        }
        boolean named = tail.size() >= 2;
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.matches("(^|.*&)watch=(true|1)(&.*|$)") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(new KubernetesRequest(group, resource, verb));
    }

    @Override
    public String toString() {
        return group + "/" + resource + " " + verb;
    }
}
