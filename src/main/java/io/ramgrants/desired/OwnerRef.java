package io.ramgrants.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource that owns a role or policy. Written into the RAM Description as the
 * ownership marker, so the operator can tell its own roles from anyone else's and
 * never touches a role it did not create (README, "Spec changes, deletion and adoption").
 */
public record OwnerRef(String namespace, String kind, String name) {
    public static final String MARKER_PREFIX = "managed-by ramgrants.io ";
    /** Where a namespaced resource without {@code metadata.namespace} lives, as kubectl assumes. */
    public static final String DEFAULT_NAMESPACE = "default";
    private static final Pattern MARKER = Pattern.compile(
            Pattern.quote(MARKER_PREFIX) + "([a-z0-9.-]*)/([A-Za-z]+)/([a-z0-9.-]+)");

    /** The owner of whatever {@code resource} creates; a missing namespace means {@value #DEFAULT_NAMESPACE}. */
    public static OwnerRef of(HasMetadata resource) {
        String namespace = resource.getMetadata().getNamespace();
        return new OwnerRef(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace,
                HasMetadata.getKind(resource.getClass()), resource.getMetadata().getName());
    }

    /** {@code managed-by ramgrants.io <namespace>/<kind>/<name>}. */
    public String marker() {
        return MARKER_PREFIX + namespace + "/" + kind + "/" + name;
    }

    /** The owner named by a marker anywhere in {@code description}, if any. */
    public static Optional<OwnerRef> fromDescription(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(description);
        return m.find() ? Optional.of(new OwnerRef(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    @Override
    public String toString() {
        return namespace + "/" + kind + "/" + name;
    }
}
