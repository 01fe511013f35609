package io.ramgrants.packaging;

import static io.ramgrants.packaging.Manifests.NAMESPACE;
import static io.ramgrants.packaging.Manifests.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramgrants.observability.ObservabilityServer;
import io.ramgrants.packaging.Rbac.Permission;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Renders helm/ram-grant-operator with {@code helm template} and checks what reaches the cluster. */
class HelmChartTest {
    private static Manifests rendered;

    /** Rendered once, lazily: a missing helm then skips (or, under CI, fails) each test visibly. */
    private static synchronized Manifests defaults() {
        if (rendered == null) {
            rendered = Manifests.helmTemplate();
        }
        return rendered;
    }

    @Test
    void lintsStrictly() {
        Tools.run(List.of(Tools.binary("helm", "HELM").toString(), "lint", "--strict", "helm/ram-grant-operator"));
    }

    @Test
    void schemaRejectsTyposAndInvalidValues() {
        for (String bad : List.of("operator.ramrate=3", "operator.logFormat=xml", "operator.ramRate=0",
                "operator.resyncPeriod=often", "replicaCount=one", "image.pullPolicy=Sometimes")) {
            Tools.Result result = Tools.exec(List.of(Tools.binary("helm", "HELM").toString(), "template", RELEASE,
                    "helm/ram-grant-operator", "--set", bad));
            assertThat(result.exitCode()).as(bad).isNotZero();
            assertThat(result.stderr()).as(bad).contains("schema");
        }
    }

    @Test
    void defaultsRenderTheExpectedObjects() {
        assertThat(defaults().names().lines()).containsExactlyInAnyOrder(
                "ServiceAccount ram-grant-operator/ram-grant-operator",
                "ClusterRole ram-grant-operator",
                "ClusterRoleBinding ram-grant-operator",
                "Role ram-grant-operator/ram-grant-operator-leader-election",
                "RoleBinding ram-grant-operator/ram-grant-operator-leader-election",
                "Role ram-grant-operator/ram-grant-operator-secrets",
                "RoleBinding ram-grant-operator/ram-grant-operator-secrets",
                "Service ram-grant-operator/ram-grant-operator-metrics",
                "Deployment ram-grant-operator/ram-grant-operator");
        assertThat(defaults().only("Deployment").path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void podRunsNonRootReadOnlyWithoutCapabilities() {
        JsonNode pod = defaults().podSpec().path("securityContext");
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("runAsUser").asInt()).isEqualTo(65532);
        assertThat(pod.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

        JsonNode container = defaults().container().path("securityContext");
        assertThat(container.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("runAsUser").asInt()).isEqualTo(65532);
        assertThat(container.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(container.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(texts(container.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(container.path("capabilities").has("add")).isFalse();
        assertThat(container.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    }

    @Test
    void tmpIsAnEmptyDirBecauseTheRootFilesystemIsReadOnly() {
        assertThat(defaults().container().path("volumeMounts").toString())
                .contains("\"name\":\"tmp\"").contains("\"mountPath\":\"/tmp\"");
        JsonNode volume = defaults().podSpec().path("volumes").get(0);
        assertThat(volume.path("name").asText()).isEqualTo("tmp");
        assertThat(volume.has("emptyDir")).isTrue();
    }

    @Test
    void resourcesAndJvmFlagsAreContainerAware() {
        JsonNode resources = defaults().container().path("resources");
        assertThat(resources.path("requests").path("cpu").asText()).isEqualTo("100m");
        assertThat(resources.path("requests").path("memory").asText()).isEqualTo("256Mi");
        assertThat(resources.path("limits").path("memory").asText()).isEqualTo("512Mi");

        assertThat(env(defaults().container(), "JAVA_TOOL_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=75").contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void probesUseHealthzAndReadyzOnTheMetricsPort() {
        JsonNode container = defaults().container();
        JsonNode port = container.path("ports").get(0);
        assertThat(port.path("name").asText()).isEqualTo("http-metrics");
        assertThat(port.path("containerPort").asInt()).isEqualTo(ObservabilityServer.DEFAULT_PORT);

        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("http-metrics");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http-metrics");
    }

    @Test
    void imageDefaultsToTheAppVersion() {
        assertThat(defaults().container().path("image").asText()).isEqualTo("ram-grant-operator:0.1.0");
        Manifests custom = Manifests.helmTemplate("--set", "image.repository=registry.example/ops/rgo",
                "--set", "image.tag=1.2.3", "--set", "image.pullPolicy=Always");
        assertThat(custom.container().path("image").asText()).isEqualTo("registry.example/ops/rgo:1.2.3");
        assertThat(custom.container().path("imagePullPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void argsRunTheOperatorWithFlagsFromValues() {
        assertThat(texts(defaults().container().path("args"))).containsExactly(
                "run",
                "--leader-election-namespace=ram-grant-operator",
                "--secret-namespace=ram-grant-operator",
                "--resync-period=10m",
                "--ram-rate=quotas",
                "--observation=auto",
                "--full-sweep-period=6h",
                "--drift-events=actiontrail",
                "--drift-event-interval=15s",
                "--reconcile-threads=20",
                "--log-format=json",
                "--metrics-port=8080");

        Manifests custom = Manifests.helmTemplate(
                "--set", "operator.leaderElectionNamespace=elect",
                "--set", "operator.watchNamespaces={team-a,team-b}",
                "--set", "operator.labelSelector=shard=a",
                "--set", "rbac.secretNamespaces={creds-a,creds-b}",
                "--set", "operator.allowEndpointHosts={ram-proxy.example.com,*.sts.example.com}",
                "--set", "operator.allowTokenDirs={/var/run/tokens}",
                "--set", "operator.resyncPeriod=5m",
                "--set", "operator.ramRate=2.5",
                "--set", "operator.observation=per-role",
                "--set", "operator.fullSweepPeriod=2h",
                "--set", "operator.driftEvents=off",
                "--set", "operator.driftEventInterval=30s",
                "--set", "operator.reconcileThreads=8",
                "--set", "operator.logFormat=text",
                "--set", "metricsPort=9090");
        assertThat(texts(custom.container().path("args"))).containsExactly(
                "run",
                "--leader-election-namespace=elect",
                "--watch-namespaces=team-a,team-b",
                "--secret-namespace=creds-a",
                "--secret-namespace=creds-b",
                "--allow-endpoint-host=ram-proxy.example.com",
                "--allow-endpoint-host=*.sts.example.com",
                "--allow-token-dir=/var/run/tokens",
                "--label-selector=shard=a",
                "--resync-period=5m",
                "--ram-rate=2.5",
                "--observation=per-role",
                "--full-sweep-period=2h",
                "--drift-events=off",
                "--drift-event-interval=30s",
                "--reconcile-threads=8",
                "--log-format=text",
                "--metrics-port=9090");
        // Every flag the chart passes is one `run` accepts.
        List<String> args = texts(custom.container().path("args"));
        assertThatCode(() -> new picocli.CommandLine(new io.ramgrants.cli.Main()).parseArgs(args.toArray(String[]::new)))
                .doesNotThrowAnyException();
        // The Lease lives where the operator is told to elect.
        assertThat(custom.get("Role", RELEASE + "-leader-election").path("metadata").path("namespace").asText())
                .isEqualTo("elect");
    }

    @Test
    void podDisruptionBudgetOnlyWithMoreThanOneReplica() {
        assertThat(defaults().ofKind("PodDisruptionBudget")).isEmpty();

        Manifests two = Manifests.helmTemplate("--set", "replicaCount=2");
        JsonNode pdb = two.only("PodDisruptionBudget");
        assertThat(pdb.path("spec").path("minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(two.only("Deployment").path("spec").path("selector").path("matchLabels"));
        assertThat(two.only("Deployment").path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void serviceExposesTheMetricsPortOfTheOperatorPods() {
        JsonNode service = defaults().only("Service");
        JsonNode port = service.path("spec").path("ports").get(0);
        assertThat(port.path("name").asText()).isEqualTo("http-metrics");
        assertThat(port.path("targetPort").asText()).isEqualTo("http-metrics");
        assertSelects(service.path("spec").path("selector"), defaults());
    }

    @Test
    void serviceMonitorIsOptional() {
        assertThat(defaults().ofKind("ServiceMonitor")).isEmpty();

        Manifests on = Manifests.helmTemplate("--set", "serviceMonitor.enabled=true",
                "--set", "serviceMonitor.labels.release=prometheus");
        JsonNode monitor = on.only("ServiceMonitor");
        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("http-metrics");
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        JsonNode serviceLabels = on.only("Service").path("metadata").path("labels");
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
                assertThat(serviceLabels.path(e.getKey()).asText()).as(e.getKey()).isEqualTo(e.getValue().asText()));
    }

    @Test
    void serviceAccountCarriesTheRrsaAnnotation() {
        assertThat(defaults().only("ServiceAccount").path("metadata").has("annotations")).isFalse();
        Manifests rrsa = Manifests.helmTemplate("--set",
                "serviceAccount.annotations.pod-identity\\.alibabacloud\\.com/role-name=ram-grant-operator");
        assertThat(rrsa.only("ServiceAccount").path("metadata").path("annotations")
                .path("pod-identity.alibabacloud.com/role-name").asText()).isEqualTo("ram-grant-operator");
        assertThat(rrsa.podSpec().path("serviceAccountName").asText()).isEqualTo(RELEASE);
    }

    @Test
    void podsGetAnnotationsLabelsAndScheduling() {
        Manifests custom = Manifests.helmTemplate(
                "--set", "podAnnotations.a=b", "--set", "podLabels.team=ops",
                "--set", "nodeSelector.pool=system",
                "--set", "tolerations[0].key=dedicated", "--set", "tolerations[0].operator=Exists");
        JsonNode template = custom.only("Deployment").path("spec").path("template");
        assertThat(template.path("metadata").path("annotations").path("a").asText()).isEqualTo("b");
        assertThat(template.path("metadata").path("labels").path("team").asText()).isEqualTo("ops");
        assertThat(template.path("spec").path("nodeSelector").path("pool").asText()).isEqualTo("system");
        assertThat(template.path("spec").path("tolerations").get(0).path("key").asText()).isEqualTo("dedicated");
    }

    @Test
    void rbacGrantsExactlyTheApiCallsTheOperatorMakes() {
        Set<Permission> granted = Rbac.granted(defaults(), NAMESPACE, RELEASE);

        assertNoWildcardsOrSecretWrites(granted);
        assertThat(granted)
                .as("RBAC must cover io.ramgrants.observability.KubernetesApiAccess.REQUIRED and nothing more")
                .containsExactlyInAnyOrderElementsOf(Rbac.required(NAMESPACE, List.of()));
    }

    @Test
    void secretsAreReadInTheReleaseNamespaceUnlessClusterWideAccessIsAskedFor() {
        Set<Permission> granted = Rbac.granted(defaults(), NAMESPACE, RELEASE);
        assertThat(granted).filteredOn(p -> p.resource().equals("secrets"))
                .isNotEmpty().allMatch(p -> p.namespace().equals(NAMESPACE));
        assertThat(defaults().get("Role", RELEASE + "-secrets").path("metadata").path("namespace").asText())
                .isEqualTo(NAMESPACE);

        Manifests wide = Manifests.helmTemplate("--set", "rbac.clusterWideSecretAccess=true");
        Set<Permission> wideGranted = Rbac.granted(wide, NAMESPACE, RELEASE);
        assertNoWildcardsOrSecretWrites(wideGranted);
        assertThat(wideGranted).filteredOn(p -> p.resource().equals("secrets"))
                .isNotEmpty().allMatch(p -> p.namespace().equals(Rbac.CLUSTER));
        assertThat(wide.ofKind("Role")).noneMatch(r -> r.path("metadata").path("name").asText().endsWith("-secrets"));
        assertThat(texts(wide.container().path("args"))).contains("--secret-namespace=*")
                .noneMatch(a -> a.equals("--secret-namespace=" + NAMESPACE));
    }

    @Test
    void accountsAreNeverWrittenNorFinalized() {
        Set<Permission> granted = Rbac.granted(defaults(), NAMESPACE, RELEASE);
        assertThat(granted).filteredOn(p -> p.resource().startsWith("alibabacloudaccounts"))
                .extracting(p -> p.resource() + " " + p.verb())
                .containsExactlyInAnyOrder("alibabacloudaccounts get", "alibabacloudaccounts list",
                        "alibabacloudaccounts watch", "alibabacloudaccounts/status get",
                        "alibabacloudaccounts/status patch", "alibabacloudaccounts/status update");
    }

    @Test
    void secretNamespacesReplaceClusterWideSecretRead() {
        Manifests narrowed = Manifests.helmTemplate("--set", "rbac.secretNamespaces={team-a,team-b}");
        Set<Permission> granted = Rbac.granted(narrowed, NAMESPACE, RELEASE);

        assertNoWildcardsOrSecretWrites(granted);
        assertThat(granted).noneMatch(p -> p.resource().equals("secrets") && p.namespace().equals(Rbac.CLUSTER));
        assertThat(granted).containsExactlyInAnyOrderElementsOf(
                Rbac.required(NAMESPACE, List.of("team-a", "team-b")));
    }

    @Test
    void rbacCanBeLeftToTheCluster() {
        Manifests none = Manifests.helmTemplate("--set", "rbac.create=false");
        assertThat(none.ofKind("ClusterRole")).isEmpty();
        assertThat(none.ofKind("Role")).isEmpty();
    }

    @Test
    void everyValueIsDocumentedInInstallGuide() throws Exception {
        JsonNode values = Tools.YAML.readTree(Tools.repoRoot().resolve("helm/ram-grant-operator/values.yaml").toFile());
        String guide = java.nio.file.Files.readString(Tools.repoRoot().resolve("docs/install.md"));
        List<String> keys = new java.util.ArrayList<>();
        collectKeys("", values, keys);
        assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(guide).as(k).contains("| `" + k + "` |"));
    }

    /** Leaf keys; whole-object settings (security contexts, resources, probes) count as one key. */
    private static void collectKeys(String prefix, JsonNode node, List<String> out) {
        Set<String> wholeObjects = Set.of("podSecurityContext", "securityContext", "resources",
                "livenessProbe", "readinessProbe");
        node.fields().forEachRemaining(e -> {
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && e.getValue().size() > 0 && !wholeObjects.contains(key)) {
                collectKeys(key + ".", e.getValue(), out);
            } else {
                out.add(key);
            }
        });
    }

    private static void assertNoWildcardsOrSecretWrites(Set<Permission> granted) {
        assertThat(granted).isNotEmpty();
        assertThat(granted).noneMatch(p -> p.group().contains("*") || p.resource().contains("*")
                || p.verb().contains("*"));
        assertThat(granted).filteredOn(p -> p.resource().equals("secrets"))
                .allMatch(p -> Set.of("get", "list", "watch").contains(p.verb()));
    }

    private static void assertSelects(JsonNode selector, Manifests m) {
        JsonNode podLabels = m.only("Deployment").path("spec").path("template").path("metadata").path("labels");
        assertThat(selector.size()).isPositive();
        selector.fields().forEachRemaining(e ->
                assertThat(podLabels.path(e.getKey()).asText()).as(e.getKey()).isEqualTo(e.getValue().asText()));
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("env"));
    }
}
