package io.ramgrants.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl explain} has something to say for every field: each schema node of the generated
 * CRDs carries a description. Exempt: the object root (the fabric8 7.5.2 generator writes no
 * kind-level description), the element node of a list (kubectl explain shows the list field's
 * description), and the fields of {@code status.conditions[]} (fabric8's Condition type, the
 * Kubernetes condition, which the {@code conditions} field's own description covers).
 */
class CrdDescriptionsTest {
    @Test
    void everyFieldOfEveryKindIsDescribed() {
        Map<String, JsonNode> kinds = CrdSchemas.byKind();
        assertThat(kinds).hasSize(4);
        List<String> undescribed = new ArrayList<>();
        kinds.forEach((kind, crd) -> {
            JsonNode schema = CrdSchemas.schema(kind);
            schema.path("properties").fields().forEachRemaining(e -> walk(kind + "." + e.getKey(), e.getValue(),
                    false, undescribed));
        });
        assertThat(undescribed).as("schema nodes without a description").isEmpty();
    }

    @Test
    void theGrantKindsNameTheirReadyReasonsAndDefaults() {
        JsonNode dts = CrdSchemas.schema("CrossAccountDtsGrant");
        assertThat(dts.path("properties").path("status").path("properties").path("conditions").path("description")
                .asText()).contains("UpToDate", "Created", "DriftCorrected", "DriftDetected", "InvalidSpec");
        assertThat(dts.path("properties").path("spec").path("properties").path("source").path("properties")
                .path("engine").path("description").asText()).isNotBlank();
    }

    private static void walk(String path, JsonNode node, boolean listElement, List<String> undescribed) {
        if (path.contains(".status.conditions[]")) {
            return;
        }
        if (!listElement && node.path("description").asText("").isBlank()) {
            undescribed.add(path);
        }
        node.path("properties").fields().forEachRemaining(e -> walk(path + "." + e.getKey(), e.getValue(), false,
                undescribed));
        if (node.has("items")) {
            walk(path + "[]", node.path("items"), true, undescribed);
        }
        if (node.path("additionalProperties").isObject()) {
            walk(path + "{}", node.path("additionalProperties"), true, undescribed);
        }
    }
}
