package io.ramgrants.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.Evaluation;
import io.ramgrants.desired.GrantRulesCatalog;
import io.ramgrants.desired.InMemoryAccountDirectory;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.desired.validation.AccountValidator;
import io.ramgrants.desired.validation.ValidationError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates every resource of a {@link ManifestSet} against the accounts in the same set and
 * computes the desired state of the valid grants: what {@code plan} and {@code apply} show
 * before touching RAM. Secrets are neither validated nor shown.
 */
public final class ManifestEvaluator {
    private final AccountValidator accountValidator = new AccountValidator();

    public List<EvaluatedResource> evaluate(ManifestSet manifests) {
        AccountDirectory accounts = InMemoryAccountDirectory.of(manifests.accounts());
        Map<String, LoadedResource> seen = new HashMap<>();
        List<EvaluatedResource> result = new ArrayList<>();
        for (LoadedResource loaded : manifests.resources()) {
            HasMetadata resource = loaded.resource();
            boolean grant = GrantRulesCatalog.isGrant(resource);
            if (!grant && !(resource instanceof AlibabaCloudAccount)) {
                continue;
            }
            String namespace = grant ? OwnerRef.of(resource).namespace() : null;
            String display = loaded.kind() + " " + (namespace == null ? "" : namespace + "/") + loaded.name();
            List<String> errors = new ArrayList<>();
            LoadedResource earlier = seen.putIfAbsent(display, loaded);
            if (earlier != null) {
                errors.add(loaded.location() + ": " + display + ": metadata.name: declared twice; first in "
                        + earlier.location());
            }
            Evaluation evaluation = grant ? GrantRulesCatalog.evaluate(resource, accounts) : null;
            List<ValidationError> validation = grant
                    ? evaluation.errors()
                    : accountValidator.validate((AlibabaCloudAccount) resource, accounts);
            validation.forEach(e -> errors.add(loaded.location() + ": " + display + ": " + e));
            Optional<DesiredState> desired = grant && errors.isEmpty() ? evaluation.desired() : Optional.empty();
            result.add(new EvaluatedResource(loaded, loaded.kind(), namespace, loaded.name(), errors, desired));
        }
        return RamNameClashes.reject(result);
    }
}
