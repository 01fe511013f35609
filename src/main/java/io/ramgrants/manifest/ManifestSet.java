package io.ramgrants.manifest;

import io.fabric8.kubernetes.api.model.Secret;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.desired.GrantRulesCatalog;
import java.util.List;

/** What a set of manifest files holds: our resources and Secrets, in file order, and what could not be read. */
public record ManifestSet(List<LoadedResource> resources, List<ManifestProblem> problems) {
    public ManifestSet {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
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
