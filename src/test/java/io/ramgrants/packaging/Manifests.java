package io.ramgrants.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rendered Kubernetes objects with lookups by kind and name. */
record Manifests(List<JsonNode> objects) {
    static final String RELEASE = "ram-grant-operator";
    static final String NAMESPACE = "ram-grant-operator";

    /** {@code helm template} of the chart as release {@link #RELEASE} in {@link #NAMESPACE}. */
    static Manifests helmTemplate(String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(
                Tools.binary("helm", "HELM").toString(), "template", RELEASE, "helm/ram-grant-operator",
                "--namespace", NAMESPACE));
        command.addAll(List.of(extraArgs));
        return new Manifests(Tools.parseAll(Tools.run(command)));
    }

    /** {@code kubectl kustomize operator}. */
    static Manifests kustomize() {
        return new Manifests(Tools.parseAll(Tools.run(List.of(
                Tools.binary("kubectl", "KUBECTL").toString(), "kustomize", "operator"))));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in\n" + names()));
    }

    JsonNode only(String kind) {
        List<JsonNode> all = ofKind(kind);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + all.size() + " in\n" + names());
        }
        return all.get(0);
    }

    /** The Deployment's single container. */
    JsonNode container() {
        JsonNode containers = only("Deployment").path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError("expected one container: " + containers);
        }
        return containers.get(0);
    }

    JsonNode podSpec() {
        return only("Deployment").path("spec").path("template").path("spec");
    }

    static String id(JsonNode o) {
        JsonNode meta = o.path("metadata");
        return o.path("kind").asText() + " " + (meta.hasNonNull("namespace") ? meta.path("namespace").asText() + "/" : "")
                + meta.path("name").asText();
    }

    String names() {
        return String.join("\n", objects.stream().map(Manifests::id).toList());
    }
}
