package io.ramgrants.accounts;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Reads one named Secret; the controller answers from its Secret watch or the API server. */
@FunctionalInterface
public interface SecretLookup {
    Optional<Secret> find(String namespace, String name);
}
