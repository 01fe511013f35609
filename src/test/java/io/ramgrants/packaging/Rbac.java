package io.ramgrants.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramgrants.observability.KubernetesApiAccess;
import io.ramgrants.observability.KubernetesApiAccess.ApiAccess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flattens RBAC objects into single permissions, so that what a chart grants can be compared
 * with {@link KubernetesApiAccess#REQUIRED} and with another rendering.
 */
final class Rbac {
    /** Namespace value of a cluster-wide permission. */
    static final String CLUSTER = "*";

    /** One verb on one resource, cluster-wide ({@link #CLUSTER}) or in one namespace. */
    record Permission(String namespace, String group, String resource, String verb) implements Comparable<Permission> {
        @Override
        public int compareTo(Permission o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return namespace + " " + (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb;
        }
    }

    private Rbac() {
    }

    /**
     * What the ServiceAccount {@code namespace/serviceAccount} is granted through the bindings in
     * {@code manifests}: ClusterRoleBinding → cluster-wide; RoleBinding → its namespace.
     * Wildcards are kept as {@code *} so that callers can reject them.
     */
    static Set<Permission> granted(Manifests manifests, String namespace, String serviceAccount) {
        Set<Permission> out = new TreeSet<>();
        for (JsonNode binding : manifests.objects()) {
            String kind = binding.path("kind").asText();
            if (!kind.equals("ClusterRoleBinding") && !kind.equals("RoleBinding")) {
                continue;
            }
            if (!bindsServiceAccount(binding, namespace, serviceAccount)) {
                continue;
            }
            String scope = kind.equals("ClusterRoleBinding") ? CLUSTER : binding.path("metadata").path("namespace").asText();
            JsonNode roleRef = binding.path("roleRef");
            JsonNode role = roleRef.path("kind").asText().equals("ClusterRole")
                    ? manifests.get("ClusterRole", roleRef.path("name").asText())
                    : manifests.ofKind("Role").stream()
                            .filter(r -> r.path("metadata").path("name").asText().equals(roleRef.path("name").asText()))
                            .filter(r -> r.path("metadata").path("namespace").asText().equals(scope))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("RoleBinding " + binding.path("metadata")
                                    + " refers to a missing Role " + roleRef));
            for (JsonNode rule : role.path("rules")) {
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            out.add(new Permission(scope, group.asText(), resource.asText(), verb.asText()));
                        }
                    }
                }
                if (rule.has("nonResourceURLs") || rule.has("resourceNames")) {
                    out.add(new Permission(scope, "?", "nonResourceURLs/resourceNames: " + rule, "?"));
                }
            }
        }
        return out;
    }

    private static boolean bindsServiceAccount(JsonNode binding, String namespace, String serviceAccount) {
        for (JsonNode s : binding.path("subjects")) {
            if (s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(serviceAccount)
                    && s.path("namespace").asText().equals(namespace)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link KubernetesApiAccess#REQUIRED} as permissions at the narrowest scope the chart should
     * grant: cluster-wide, the release namespace (Lease), and the secret namespaces (the release
     * namespace when none are set; {@link #CLUSTER} for cluster-wide Secret access).
     */
    static Set<Permission> required(String releaseNamespace, List<String> secretNamespaces) {
        Set<Permission> out = new TreeSet<>();
        for (ApiAccess access : KubernetesApiAccess.REQUIRED) {
            List<String> scopes = switch (access.scope()) {
                case CLUSTER -> List.of(CLUSTER);
                case RELEASE_NAMESPACE -> List.of(releaseNamespace);
                case SECRET_NAMESPACES -> secretNamespaces.isEmpty() ? List.of(releaseNamespace) : secretNamespaces;
            };
            for (String scope : scopes) {
                for (String verb : access.verbs()) {
                    out.add(new Permission(scope, access.group(), access.resource(), verb));
                }
            }
        }
        return out;
    }
}
