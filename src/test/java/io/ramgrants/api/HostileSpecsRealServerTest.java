package io.ramgrants.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ramgrants.realkube.Cluster;
import io.ramgrants.realkube.RealApiServer;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HostileSpecsTest}'s corpus put to a real kube-apiserver holding the committed CRDs (server-side
 * dry run): it refuses a case exactly when the project's model of its schema and CEL validation
 * ({@link ApiServerValidation}) does, on the same fields. The model stays (it runs in every build, and
 * in {@code plan}'s tests); this keeps it honest.
 */
@Tag(RealApiServer.TAG)
class HostileSpecsRealServerTest {
    private static final String NAMESPACE = "hostile-input";
    private static final String NO_FIELD = "<nil>";
    private static final String RULES_NOT_CHECKED = "some validation rules were not checked because the object was invalid";
    private static KubernetesClient client;

    @BeforeAll
    static void crds() {
        client = Cluster.withCrds().admin();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).serverSideApply();
    }

    static Stream<Arguments> corpus() {
        return Stream.concat(HostileSpecsTest.hostileGrants(), HostileSpecsTest.hostileAccounts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theRealServerRefusesExactlyWhatTheModelRefuses(String name, Supplier<HasMetadata> make, String javaPath,
                                                         String crdCannotSee) {
        HasMetadata resource = make.get();
        if (resource instanceof Namespaced) {
            resource.getMetadata().setNamespace(NAMESPACE);
        }
        Set<String> model = ApiServerValidation.of(resource.getKind()).validate(ApiServerValidation.json(resource))
                .stream().map(ApiServerValidation.FieldError::path).collect(Collectors.toCollection(TreeSet::new));

        Set<String> real = refusedFields(resource);

        assertThat(real).as("fields the real API server refuses (model: %s)", model).isEqualTo(model);
        if (crdCannotSee != null) {
            assertThat(real).as("the API server cannot know " + crdCannotSee).isEmpty();
        }
    }

    /** The fields of a 422 answer to a dry-run create; empty when the server admits the object. */
    private static Set<String> refusedFields(HasMetadata resource) {
        try {
            client.resource(resource).dryRun().create();
            return Set.of();
        } catch (KubernetesClientException e) {
            assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
            // Beside the field errors the server may add one note without a field: it skipped CEL
            // rules because schema validation already failed (the model finds no CEL error there either).
            assertThat(e.getStatus().getDetails().getCauses()).as(e.getMessage())
                    .filteredOn(cause -> NO_FIELD.equals(cause.getField()))
                    .allSatisfy(cause -> assertThat(cause.getMessage()).contains(RULES_NOT_CHECKED));
            return e.getStatus().getDetails().getCauses().stream().map(StatusCause::getField)
                    .filter(field -> !NO_FIELD.equals(field))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
