package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ramgrants.api.ApiGroup;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.GrantStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantUpdateFilterTest {
    private final GrantUpdateFilter<DmsAccessRole> filter = new GrantUpdateFilter<>(GrantReconciler.FINALIZER);

    private static DmsAccessRole role(long generation, Map<String, String> annotations, List<String> finalizers) {
        DmsAccessRole role = new DmsAccessRole();
        role.setMetadata(new ObjectMetaBuilder().withName("r").withNamespace("ns").withGeneration(generation)
                .withAnnotations(annotations).withFinalizers(finalizers).build());
        return role;
    }

    @Test
    void aStatusWriteStartsNothing() {
        DmsAccessRole before = role(2, Map.of(), List.of(GrantReconciler.FINALIZER));
        DmsAccessRole after = role(2, Map.of(), List.of(GrantReconciler.FINALIZER));
        after.setStatus(new GrantStatus());

        assertThat(filter.accept(after, before)).isFalse();
    }

    @Test
    void specChangesPauseAnnotationFinalizerAndDeletionStartAPass() {
        DmsAccessRole base = role(2, Map.of(), List.of(GrantReconciler.FINALIZER));

        assertThat(filter.accept(role(3, Map.of(), List.of(GrantReconciler.FINALIZER)), base)).isTrue();
        assertThat(filter.accept(role(2, Map.of(ApiGroup.PAUSED_ANNOTATION, "true"),
                List.of(GrantReconciler.FINALIZER)), base)).isTrue();
        assertThat(filter.accept(base, role(2, Map.of(), List.of()))).isTrue();
        DmsAccessRole deleting = role(2, Map.of(), List.of(GrantReconciler.FINALIZER));
        deleting.getMetadata().setDeletionTimestamp("2025-01-01T10:00:00Z");
        assertThat(filter.accept(deleting, base)).isTrue();
        assertThat(filter.accept(role(2, Map.of("other", "x"), List.of(GrantReconciler.FINALIZER)), base)).isFalse();
    }
}
