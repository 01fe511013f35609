package io.ramgrants.demo;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * Renders what {@code kubectl get} and {@code kubectl describe} would show for the demo's
 * resources, read back from the Kubernetes API: the printer columns of the CRDs
 * (NAME, then the CRD's columns in its order: AGE, READY, REASON, ROLE-ARN(S)), conditions and events.
 */
final class KubectlView {
    private static final String INDENT = "";
    private static final String ROLE_ARNS_PATH = ".status.roleArns";
    private final KubernetesClient client;

    KubectlView(KubernetesClient client) {
        this.client = client;
    }

    String accounts() {
        TextTable table = new TextTable("NAME", "ACCOUNT-ID", "READY", "REASON", "AGE");
        client.resources(AlibabaCloudAccount.class).list().getItems().stream()
                .sorted(Comparator.comparing(a -> a.getMetadata().getName()))
                .forEach(a -> {
                    List<Condition> conditions = a.getStatus() == null ? null : a.getStatus().conditions;
                    Condition ready = Conditions.find(conditions, Conditions.READY).orElse(null);
                    table.row(a.getMetadata().getName(), a.getSpec().accountId,
                            ready == null ? "" : ready.getStatus(), ready == null ? "" : ready.getReason(),
                            age(a.getMetadata().getCreationTimestamp()));
                });
        return table.render(INDENT);
    }

    <R extends CustomResource<?, GrantStatus>> String grants(Class<R> type, String namespace) {
        TextTable table = new TextTable("NAME", "READY", "REASON", roleArnsColumn(type), "AGE");
        client.resources(type).inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(g -> g.getMetadata().getName()))
                .forEach(g -> {
                    Condition ready = ready(g.getStatus());
                    table.row(g.getMetadata().getName(),
                            ready == null ? "" : ready.getStatus(), ready == null ? "" : ready.getReason(),
                            g.getStatus() == null ? "" : g.getStatus().roleArns,
                            age(g.getMetadata().getCreationTimestamp()));
                });
        return table.render(INDENT);
    }

    /** The CRDs name the role ARN column ROLE-ARNS or ROLE-ARN, depending on how many roles a kind can have. */
    private <R extends CustomResource<?, GrantStatus>> String roleArnsColumn(Class<R> type) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName(HasMetadata.getFullResourceName(type)).get();
        return crd.getSpec().getVersions().stream()
                .flatMap(v -> v.getAdditionalPrinterColumns().stream())
                .filter(c -> ROLE_ARNS_PATH.equals(c.getJsonPath()))
                .map(CustomResourceColumnDefinition::getName)
                .findFirst().orElse("ROLE-ARNS");
    }

    /** The Conditions part of {@code kubectl describe}, one condition a row. */
    static String conditions(GrantStatus status) {
        TextTable table = new TextTable("TYPE", "STATUS", "REASON", "MESSAGE");
        status.conditions.forEach(c -> table.row(c.getType(), c.getStatus(), c.getReason(), c.getMessage()));
        return table.render("    ");
    }

    /** The Events part of {@code kubectl describe}. */
    static String events(List<Event> events) {
        TextTable table = new TextTable("TYPE", "REASON", "FROM", "MESSAGE");
        events.forEach(e -> table.row(e.getType(), e.getReason(),
                e.getSource() == null ? "" : e.getSource().getComponent(), e.getMessage()));
        return table.render("    ");
    }

    static Condition ready(GrantStatus status) {
        return Conditions.find(status == null ? null : status.conditions, Conditions.READY).orElse(null);
    }

    /** kubectl's short age: 42s, 3m12s, 5h. */
    static String age(String creationTimestamp) {
        if (creationTimestamp == null) {
            return "<unknown>";
        }
        try {
            long seconds = Math.max(0, Duration.between(Instant.parse(creationTimestamp), Instant.now()).toSeconds());
            if (seconds < 120) {
                return seconds + "s";
            }
            if (seconds < 600) {
                return seconds / 60 + "m" + seconds % 60 + "s";
            }
            return seconds < 3 * 3600 ? seconds / 60 + "m" : seconds / 3600 + "h";
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }
}
