package io.ramgrants.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import java.util.List;
import java.util.Optional;

/** The {@code apiVersion}/{@code kind} pairs a manifest may hold, and their Java types. */
final class ManifestKinds {
    private static final List<Class<? extends HasMetadata>> TYPES = List.of(AlibabaCloudAccount.class,
            CrossAccountDtsGrant.class, DmsRegistrationRole.class, DmsAccessRole.class, Secret.class);

    private ManifestKinds() {}

    static Optional<Class<? extends HasMetadata>> typeOf(String apiVersion, String kind) {
        return TYPES.stream()
                .filter(t -> HasMetadata.getApiVersion(t).equals(apiVersion) && HasMetadata.getKind(t).equals(kind))
                .findFirst();
    }

    static List<String> kinds() {
        return TYPES.stream().map(HasMetadata::getKind).toList();
    }

    static String apiVersionOf(String kind) {
        return TYPES.stream().filter(t -> HasMetadata.getKind(t).equals(kind)).map(HasMetadata::getApiVersion)
                .findFirst().orElse("");
    }

    static String known() {
        return String.join(", ", TYPES.stream()
                .map(t -> HasMetadata.getApiVersion(t) + " " + HasMetadata.getKind(t)).toList());
    }
}
