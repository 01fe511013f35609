package io.ramgrants.packaging;

import static io.ramgrants.packaging.Manifests.NAMESPACE;
import static io.ramgrants.packaging.Manifests.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code operator/} (kustomize) installs what the Helm chart installs with default values, as
 * release {@value Manifests#RELEASE} in namespace {@value Manifests#NAMESPACE}: same objects,
 * same RBAC, same container. Only Helm's own labels differ.
 */
class KustomizeMatchesChartTest {
    private static final List<String> TOOL_LABELS = List.of("helm.sh/chart", "app.kubernetes.io/managed-by");

    private static Manifests chart;
    private static Manifests kustomize;

    @BeforeEach
    void render() {
        // Once per class; per test, so that a missing tool skips (or, under CI, fails) each test visibly.
        synchronized (KustomizeMatchesChartTest.class) {
            if (chart == null || kustomize == null) {
                chart = Manifests.helmTemplate("--include-crds");
                kustomize = Manifests.kustomize();
            }
        }
    }

    @Test
    void createsTheNamespaceAndPutsEverythingInIt() {
        assertThat(kustomize.only("Namespace").path("metadata").path("name").asText()).isEqualTo(NAMESPACE);
        for (JsonNode o : kustomize.objects()) {
            JsonNode ns = o.path("metadata").path("namespace");
            if (!ns.isMissingNode()) {
                assertThat(ns.asText()).as(Manifests.id(o)).isEqualTo(NAMESPACE);
            }
        }
    }

    @Test
    void sameObjects() {
        assertThat(index(kustomize).keySet()).containsExactlyInAnyOrderElementsOf(index(chart).keySet());
    }

    @Test
    void sameRbac() {
        assertThat(Rbac.granted(kustomize, NAMESPACE, RELEASE))
                .containsExactlyInAnyOrderElementsOf(Rbac.granted(chart, NAMESPACE, RELEASE));
    }

    @Test
    void sameContainer() {
        JsonNode expected = chart.container();
        JsonNode actual = kustomize.container();
        for (String field : List.of("image", "imagePullPolicy", "args", "env", "ports", "securityContext",
                "livenessProbe", "readinessProbe", "resources", "volumeMounts")) {
            assertThat(actual.path(field)).as(field).isEqualTo(expected.path(field));
        }
        for (String field : List.of("securityContext", "volumes", "serviceAccountName")) {
            assertThat(kustomize.podSpec().path(field)).as("pod " + field).isEqualTo(chart.podSpec().path(field));
        }
    }

    @Test
    void everyObjectEqualsTheChartsButForHelmLabels() {
        Map<String, JsonNode> expected = index(chart);
        index(kustomize).forEach((id, actual) -> {
            if (expected.containsKey(id)) {
                assertThat(Tools.toYaml(actual)).as(id).isEqualTo(Tools.toYaml(expected.get(id)));
            }
        });
    }

    /** Objects by id, without the Namespace (the chart installs into an existing one) and tool labels. */
    private static Map<String, JsonNode> index(Manifests m) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode o : m.objects()) {
            if (o.path("kind").asText().equals("Namespace")) {
                continue;
            }
            JsonNode copy = sorted(o.deepCopy());
            stripToolLabels(copy.path("metadata"));
            stripToolLabels(copy.path("spec").path("template").path("metadata"));
            out.put(Manifests.id(o), copy);
        }
        return out;
    }

    private static void stripToolLabels(JsonNode metadata) {
        if (metadata.path("labels") instanceof ObjectNode labels) {
            labels.remove(TOOL_LABELS);
        }
    }

    /** Object keys in a stable order so that the YAML text of two equal objects is equal. */
    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            object.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
            object.removeAll();
            fields.forEach(object::set);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, sorted(node.get(i)));
            }
        }
        return node;
    }
}
