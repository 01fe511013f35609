package io.ramgrants.demo;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ramgrants.api.GrantStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One grant of the demo, by kind and name, read back from the Kubernetes API. */
final class GrantRef<R extends CustomResource<?, GrantStatus>> {
    private final KubernetesClient client;
    private final Class<R> type;
    private final String shortName;
    private final String namespace;
    private final String name;

    GrantRef(KubernetesClient client, R grant, String shortName) {
        this.client = client;
        @SuppressWarnings("unchecked")
        Class<R> grantType = (Class<R>) grant.getClass();
        this.type = grantType;
        this.shortName = shortName;
        this.namespace = grant.getMetadata().getNamespace();
        this.name = grant.getMetadata().getName();
    }

    Class<R> type() {
        return type;
    }

    String kind() {
        return type.getSimpleName();
    }

    /** As kubectl names it: {@code dtsgrant/orders-to-reporting}. */
    String display() {
        return shortName + "/" + name;
    }

    String describeCommand() {
        return "kubectl describe " + shortName + " " + name + " -n " + namespace;
    }

    Optional<GrantStatus> status() {
        return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get())
                .map(CustomResource::getStatus);
    }

    /** The grant's events, oldest first. */
    List<Event> events() {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())
                        && kind().equals(e.getInvolvedObject().getKind()))
                .sorted(Comparator.comparing((Event e) -> String.valueOf(e.getLastTimestamp()))
                        .thenComparing(e -> String.valueOf(e.getMetadata().getCreationTimestamp())))
                .toList();
    }
}
