package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.B;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.realkube.Cli;
import io.ramgrants.realkube.RealApiServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link GrantLifecycleE2eTest} (create, spec change, drift correction by the emulator's
 * console edits, Observe, pause, adoption, claims, deletion with finalizers) on a real kube-apiserver:
 * the committed CRDs, the operator writing status by server-side apply as {@code run} does, and every
 * operator request made as the Helm chart's ServiceAccount under the chart's RBAC.
 */
@Tag(RealApiServer.TAG)
class GrantLifecycleRealServerTest extends GrantLifecycleE2eTest {
    // GrantLifecycleE2eTest.start() puts this class's harness on the real server.

    /**
     * A new spec.roleName: the role of the new name is created, with its policy, and becomes the grant's ARN;
     * the role of the old name is removed.
     */
    @Test
    void renamingTheRoleMovesTheGrantToTheNewName() {
        DmsAccessRole grant = k8s.awaitGrant(k8s.create(Grants.dmsAccess("renamed", "dms-old-name", "acct-b", A)),
                GrantLifecycleE2eTest::isReady, "Ready");
        DmsAccessRole renamed = k8s.edit(grant, g -> g.getSpec().roleName = "dms-new-name");
        DmsAccessRole converged = k8s.awaitGrant(renamed, g -> isReady(g)
                && g.getStatus().observedGeneration.equals(renamed.getMetadata().getGeneration()), "renamed");
        assertThat(converged.getStatus().roleArns).isEqualTo("acs:ram::" + B + ":role/dms-new-name");
        assertThat(consoleB.attachedPolicies("dms-new-name")).containsExactly("AliyunDMSLoginConsoleAccess");
        // The role of the old name is no longer declared: with deletionPolicy Delete it is removed, and
        // the status inventory names only the new one.
        assertThat(consoleB.roleExists("dms-old-name")).as("the role of the old name").isFalse();
        assertThat(converged.getStatus().inventory).singleElement()
                .satisfies(entry -> assertThat(entry.roles).containsExactly("dms-new-name"));
    }

    /** kubectl, as a user: waits on the Ready condition, prints the CRD's printer columns. */
    @Test
    void kubectlWaitsForReadyAndPrintsThePrinterColumns() {
        k8s.create(Grants.dts("printed", "dts-printed", "acct-a", TASK));
        Cli.kubectl("wait", "--for=condition=Ready", "--timeout=60s", "-n", GrantOperatorHarness.NAMESPACE,
                "crossaccountdtsgrants.ramgrants.io/printed");

        List<String> columns = new ArrayList<>(List.of("NAME"));
        k8s.client.apiextensions().v1().customResourceDefinitions().withName("crossaccountdtsgrants.ramgrants.io")
                .get().getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
                .filter(c -> c.getPriority() == null || c.getPriority() == 0)
                .forEach(c -> columns.add(c.getName().toUpperCase(java.util.Locale.ROOT)));
        String[] lines = Cli.kubectl("get", "crossaccountdtsgrants.ramgrants.io", "printed", "-n",
                GrantOperatorHarness.NAMESPACE).split("\n");
        assertThat(List.of(lines[0].trim().split("\\s{2,}"))).isEqualTo(columns);
        Map<String, String> row = new LinkedHashMap<>();
        List<String> cells = List.of(lines[1].trim().split("\\s{2,}"));
        for (int i = 0; i < columns.size() && i < cells.size(); i++) {
            row.put(columns.get(i), cells.get(i));
        }
        assertThat(row).containsEntry("NAME", "printed").containsEntry("READY", "True")
                .containsValue("acs:ram::" + A + ":role/dts-printed");
    }
}
