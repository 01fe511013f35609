package io.ramgrants.realkube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The committed CRDs, the Helm chart and the kustomize manifests, installed on a real kube-apiserver. */
@Tag(RealApiServer.TAG)
class PackagingOnRealServerTest {
    private static final List<String> CRDS = List.of("alibabacloudaccounts.ramgrants.io",
            "crossaccountdtsgrants.ramgrants.io", "dmsaccessroles.ramgrants.io", "dmsregistrationroles.ramgrants.io");

    @Test
    void theCommittedCrdsApplyServerSideAndAreEstablished() {
        RealApiServer server = Cluster.withCrds();
        for (String name : CRDS) {
            CustomResourceDefinition crd = server.admin().apiextensions().v1().customResourceDefinitions()
                    .withName(name).get();
            assertThat(crd).as(name).isNotNull();
            assertThat(crd.getStatus().getConditions()).as(name + " conditions")
                    .anySatisfy(c -> {
                        assertThat(c.getType()).isEqualTo("Established");
                        assertThat(c.getStatus()).isEqualTo("True");
                    })
                    .noneSatisfy(c -> assertThat(c.getType()).isIn("NonStructuralSchema", "NamesAccepted-False"));
        }
    }

    @Test
    void theChartInstallsAndItsServiceAccountHasExactlyTheAccessTheOperatorNeeds() {
        Cluster.withChart();
        assertThat(Cli.helm("status", Cluster.RELEASE, "--namespace", Cluster.NAMESPACE)).contains("STATUS: deployed");
        assertThat(canI("patch", "crossaccountdtsgrants.ramgrants.io/status", "team-a")).isTrue();
        assertThat(canI("update", "dmsaccessroles.ramgrants.io/finalizers", "team-a")).isTrue();
        assertThat(canI("watch", "alibabacloudaccounts.ramgrants.io", null)).isTrue();
        assertThat(canI("get", "secrets", Cluster.SECRETS_NAMESPACE)).isTrue();
        assertThat(canI("get", "secrets", "team-a")).as("Secrets outside rbac.secretNamespaces").isFalse();
        assertThat(canI("create", "secrets", Cluster.SECRETS_NAMESPACE)).isFalse();
        assertThat(canI("delete", "crossaccountdtsgrants.ramgrants.io", "team-a")).isFalse();
        assertThat(canI("update", "leases.coordination.k8s.io", Cluster.NAMESPACE)).isTrue();
    }

    @Test
    void theKustomizeManifestsApply() {
        Cluster.withCrds();
        String out = Cli.kubectl("apply", "-k", "operator/");
        assertThat(out).contains("serviceaccount/ram-grant-operator", "deployment.apps/ram-grant-operator");
        assertThat(Cli.kubectl("get", "deployment", "ram-grant-operator", "-n", "ram-grant-operator",
                "-o", "jsonpath={.spec.template.spec.serviceAccountName}")).isEqualTo("ram-grant-operator");
    }

    private static boolean canI(String verb, String resource, String namespace) {
        Cli.Result result = namespace == null
                ? Cli.kubectlResult("auth", "can-i", verb, resource, "--as", Cluster.OPERATOR_USER)
                : Cli.kubectlResult("auth", "can-i", verb, resource, "-n", namespace, "--as", Cluster.OPERATOR_USER);
        return result.stdout().trim().equals("yes");
    }
}
