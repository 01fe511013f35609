package io.ramgrants.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.ApiGroup;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.observability.KubernetesApiAccess.ApiAccess;
import io.ramgrants.observability.KubernetesApiAccess.Scope;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KubernetesApiAccessTest {
    @Test
    void namesTheCustomResourcesTheApiPackageDefines() {
        assertThat(KubernetesApiAccess.GROUP).isEqualTo(ApiGroup.GROUP);
        assertThat(KubernetesApiAccess.CUSTOM_RESOURCES).containsExactlyInAnyOrderElementsOf(
                Stream.of(AlibabaCloudAccount.class, CrossAccountDtsGrant.class, DmsRegistrationRole.class,
                        DmsAccessRole.class).map(HasMetadata::getPlural).toList());
    }

    @Test
    void grantsAreReadWrittenAndFinalizedAccountsOnlyReadWithStatus() {
        assertThat(KubernetesApiAccess.REQUIRED).contains(
                new ApiAccess("ramgrants.io", "alibabacloudaccounts", List.of("get", "list", "watch")),
                new ApiAccess("ramgrants.io", "alibabacloudaccounts/status", List.of("get", "patch", "update")));
        assertThat(KubernetesApiAccess.REQUIRED).as("accounts carry no finalizer")
                .noneMatch(a -> a.resource().equals("alibabacloudaccounts/finalizers"));
        for (String r : KubernetesApiAccess.CUSTOM_RESOURCES) {
            if (r.equals("alibabacloudaccounts")) {
                continue;
            }
            assertThat(KubernetesApiAccess.REQUIRED).contains(
                    new ApiAccess("ramgrants.io", r, List.of("get", "list", "watch", "patch", "update")),
                    new ApiAccess("ramgrants.io", r + "/status", List.of("get", "patch", "update")),
                    new ApiAccess("ramgrants.io", r + "/finalizers", List.of("update")));
        }
    }

    @Test
    void secretsAreReadOnlyAndLeasesNamespaced() {
        assertThat(KubernetesApiAccess.REQUIRED)
                .filteredOn(a -> a.resource().equals("secrets"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.verbs()).containsExactlyInAnyOrder("get", "list", "watch");
                    assertThat(a.scope()).isEqualTo(Scope.SECRET_NAMESPACES);
                });
        assertThat(KubernetesApiAccess.REQUIRED)
                .filteredOn(a -> a.resource().equals("leases"))
                .singleElement()
                .satisfies(a -> assertThat(a.scope()).isEqualTo(Scope.RELEASE_NAMESPACE));
    }

    @Test
    void noWildcards() {
        assertThat(KubernetesApiAccess.REQUIRED).allSatisfy(a -> {
            assertThat(a.group() + a.resource()).doesNotContain("*");
            assertThat(a.verbs()).doesNotContain("*").isNotEmpty();
        });
    }
}
