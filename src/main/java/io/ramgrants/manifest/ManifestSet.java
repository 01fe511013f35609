package io.ramgrants.manifest;

import io.fabric8.kubernetes.api.model.Secret;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.desired.GrantRulesCatalog;
import java.util.List;

/**
 * What a set of manifest files holds: our resources and Secrets, in file order, what could not be
 * read, and the documents of other kinds that were skipped (one line each).
 */
public record ManifestSet(List<LoadedResource> resources, List<ManifestProblem> problems, List<ManifestProblem> skipped) {
    public ManifestSet {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }

    public ManifestSet(List<LoadedResource> resources, List<ManifestProblem> problems) {
        this(resources, problems, List.of());
    }

    public List<AlibabaCloudAccount> accounts() {
        return resources.stream().map(LoadedResource::resource)
                .filter(AlibabaCloudAccount.class::isInstance).map(AlibabaCloudAccount.class::cast).toList();
    }

    public List<Secret> secrets() {
        return resources.stream().map(LoadedResource::resource)
                .filter(Secret.class::isInstance).map(Secret.class::cast).toList();
    }

    public List<LoadedResource> grants() {
        return resources.stream().filter(r -> GrantRulesCatalog.isGrant(r.resource())).toList();
    }
}
