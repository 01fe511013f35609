package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.ramgrants.api.ApiGroup;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of a grant start a pass. Like JOSDK's generation-aware processing (spec
 * changes, deletion, our finalizer being added), plus the pause annotation, which changes no
 * generation but must take effect at once. Status writes — ours included — start nothing.
 */
final class GrantUpdateFilter<R extends HasMetadata> implements OnUpdateFilter<R> {
    private final String finalizer;

    GrantUpdateFilter(String finalizer) {
        this.finalizer = finalizer;
    }

    @Override
    public boolean accept(R newResource, R oldResource) {
        return generationChanged(newResource, oldResource)
                || newResource.isMarkedForDeletion() != oldResource.isMarkedForDeletion()
                || newResource.hasFinalizer(finalizer) != oldResource.hasFinalizer(finalizer)
                || !Objects.equals(paused(newResource), paused(oldResource));
    }

    private static boolean generationChanged(HasMetadata newResource, HasMetadata oldResource) {
        Long before = oldResource.getMetadata().getGeneration();
        Long after = newResource.getMetadata().getGeneration();
        return before == null || after == null || after > before;
    }

    private static String paused(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ApiGroup.PAUSED_ANNOTATION);
    }
}
