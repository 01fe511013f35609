package io.ramgrants.observability;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Kubernetes API call the operator makes, as RBAC terms: API group, resource
 * (with subresource, {@code roles/status} style) and verbs.
 *
 * <p>This list is the contract the packaging is tested against: the Helm chart and the
 * kustomize manifests must grant each entry and nothing beyond them. Code that starts
 * calling a new resource or verb adds it here, and {@code HelmChartTest} then says which
 * RBAC rule is missing.
 */
public final class KubernetesApiAccess {
    /** API group of the operator's custom resources. */
    public static final String GROUP = "ramgrants.io";

    /** Plural names of the custom resources (as in the CRDs). */
    /** The AlibabaCloudAccount plural: read and status only. */
    public static final String ACCOUNTS = "alibabacloudaccounts";

    public static final List<String> CUSTOM_RESOURCES = List.of(
            "alibabacloudaccounts", "crossaccountdtsgrants", "dmsregistrationroles", "dmsaccessroles");

    /** One RBAC-shaped access: {@code group} is "" for the core API. */
    public record ApiAccess(String group, String resource, Set<String> verbs, Scope scope) {
        public ApiAccess {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(resource, "resource");
            verbs = Set.copyOf(new TreeSet<>(verbs));
            Objects.requireNonNull(scope, "scope");
        }

        public ApiAccess(String group, String resource, List<String> verbs) {
            this(group, resource, Set.copyOf(verbs), Scope.CLUSTER);
        }
    }

    /**
     * Where the access is needed: {@code CLUSTER} (ClusterRole), {@code RELEASE_NAMESPACE}
     * (a Role in the operator's own namespace, e.g. the leader-election Lease).
     * {@code SECRET_NAMESPACES}: a namespaced Role per namespace accounts may name Secrets in
     * ({@code rbac.secretNamespaces} in the chart, default the release namespace; cluster-wide only
     * with {@code rbac.clusterWideSecretAccess}).
     */
    public enum Scope { CLUSTER, RELEASE_NAMESPACE, SECRET_NAMESPACES }

    public static final List<ApiAccess> REQUIRED = build();

    private static List<ApiAccess> build() {
        var list = new java.util.ArrayList<ApiAccess>();
        for (String r : CUSTOM_RESOURCES) {
            boolean account = r.equals(ACCOUNTS);
            // Informers list+watch. Grants: JOSDK patches/updates the primary resource to add and
            // remove the finalizer. Accounts carry no finalizer (all-events mode), so no write on them.
            list.add(new ApiAccess(GROUP, r, account ? List.of("get", "list", "watch")
                    : List.of("get", "list", "watch", "patch", "update")));
            list.add(new ApiAccess(GROUP, r + "/status", List.of("get", "patch", "update")));
            if (!account) {
                // Finalizers: needed by clusters with OwnerReferencesPermissionEnforcement.
                list.add(new ApiAccess(GROUP, r + "/finalizers", List.of("update")));
            }
        }
        // AccessKey Secrets referenced by AlibabaCloudAccount.spec.credentials.secretRef: read only,
        // one single-object informer per referenced Secret, only in the operator's secret namespaces.
        list.add(new ApiAccess("", "secrets", Set.of("get", "list", "watch"), Scope.SECRET_NAMESPACES));
        // Events on every RAM write (fabric8 uses core v1; newer recorders events.k8s.io/v1).
        list.add(new ApiAccess("", "events", List.of("create", "patch")));
        list.add(new ApiAccess("events.k8s.io", "events", List.of("create", "patch")));
        // Leader election Lease in the operator's namespace. fabric8's LeaseLock renews, takes
        // over and releases the Lease with a JSON merge patch; JOSDK's start-up check asks for update.
        list.add(new ApiAccess("coordination.k8s.io", "leases",
                Set.of("get", "create", "update", "patch"), Scope.RELEASE_NAMESPACE));
        return List.copyOf(list);
    }

    private KubernetesApiAccess() {
    }
}
