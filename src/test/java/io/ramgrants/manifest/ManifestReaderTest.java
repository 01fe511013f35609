package io.ramgrants.manifest;

import static io.ramgrants.manifest.ManifestFixtures.GRANT_IN_TEAM_A;
import static io.ramgrants.manifest.ManifestFixtures.ORDERS_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DtsEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    @TempDir
    Path dir;

    private final ManifestReader reader = new ManifestReader();

    @Test
    void readsEveryKindOfAMultiDocumentFileInOrder() throws IOException {
        Path file = write("all.yaml", ORDERS_ACCOUNT + "---\n" + GRANT_IN_TEAM_A + """
                ---
                apiVersion: ramgrants.io/v1alpha1
                kind: DmsRegistrationRole
                metadata: {name: reg}
                spec: {ownerAccountRef: {name: orders}, dmsAccountId: "4444444444444444", databaseTypes: [Redis]}
                ---
                apiVersion: ramgrants.io/v1alpha1
                kind: DmsAccessRole
                metadata: {name: acc}
                spec: {ownerAccountRef: {name: orders}, accessorAccountId: "4444444444444444"}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: keys, namespace: ops}
                stringData: {accessKeyId: id, accessKeySecret: s3cr3t}
                ---
                """);

        ManifestSet set = reader.read(List.of(file));

        assertThat(set.problems()).isEmpty();
        assertThat(set.resources()).extracting(r -> (Object) r.resource().getClass()).containsExactly(
                AlibabaCloudAccount.class, CrossAccountDtsGrant.class, DmsRegistrationRole.class, DmsAccessRole.class,
                Secret.class);
        assertThat(set.resources()).extracting(LoadedResource::location)
                .containsExactly(file.toString(), file + "#2", file + "#3", file + "#4", file + "#5");
        assertThat(set.accounts()).hasSize(1);
        assertThat(set.secrets()).hasSize(1);
        assertThat(set.grants()).hasSize(3);
        CrossAccountDtsGrant grant = (CrossAccountDtsGrant) set.resources().get(1).resource();
        assertThat(grant.getSpec().source.engine).isEqualTo(DtsEngine.PolarDBMySQL);
        assertThat(grant.getSpec().roleName).as("default from the Java field").isEqualTo("ram-for-dts");
    }

    @Test
    void otherGroupsAreSkippedAndUnknownVersionsOfOursAreProblemsNamingTheFile() throws IOException {
        Path file = write("other.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                ---
                apiVersion: ramgrants.io/v1
                kind: DmsAccessRole
                metadata: {name: acc}
                """);

        ManifestSet set = reader.read(List.of(file));

        assertThat(set.resources()).isEmpty();
        assertThat(set.skipped()).extracting(ManifestProblem::toString).containsExactly(
                file + ": skipped Deployment web (apps/v1): not a kind plan or apply reads");
        assertThat(set.problems()).extracting(ManifestProblem::toString).containsExactly(
                file + "#2: unknown kind 'DmsAccessRole' (apiVersion 'ramgrants.io/v1'); did you mean apiVersion"
                        + " 'ramgrants.io/v1alpha1'?; expected one of "
                        + "ramgrants.io/v1alpha1 AlibabaCloudAccount, ramgrants.io/v1alpha1 CrossAccountDtsGrant, "
                        + "ramgrants.io/v1alpha1 DmsRegistrationRole, ramgrants.io/v1alpha1 DmsAccessRole, v1 Secret");
    }

    @Test
    void brokenYamlIsAProblemWithItsLineNotAStackTrace() throws IOException {
        Path file = write("broken.yaml", ORDERS_ACCOUNT + "---\nspec: [unclosed\n");

        ManifestSet set = reader.read(List.of(file));

        assertThat(set.resources()).hasSize(1);
        assertThat(set.problems()).singleElement().asString()
                .startsWith(file + "#2: not valid YAML: ").contains("line ");
    }

    @Test
    void fieldErrorsNameResourceAndField() throws IOException {
        Path file = write("fields.yaml", GRANT_IN_TEAM_A.replace("PolarDBMySQL", "Oracle") + "---\n"
                + GRANT_IN_TEAM_A.replace("taskAccountId", "taskAccount"));

        List<String> problems = reader.read(List.of(file)).problems().stream().map(ManifestProblem::toString).toList();

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith(file + ": CrossAccountDtsGrant team-a/sync: spec.source.engine: "
                + "'Oracle' is not one of [RdsMySQL,");
        assertThat(problems.get(1)).isEqualTo(file + "#2: CrossAccountDtsGrant team-a/sync: spec.taskAccount: "
                + "unknown field 'taskAccount'; did you mean 'taskAccountId'?");
    }

    @Test
    void aBrokenSecretIsNeverEchoed() throws IOException {
        Path badYaml = write("s1.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: keys}
                stringData:
                  accessKeySecret: [TOPSECRET1
                """);
        Path badShape = write("s2.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: keys}
                data: {accessKeySecret: {nested: TOPSECRET2}}
                """);

        ManifestSet set = reader.read(List.of(badYaml, badShape));

        assertThat(set.problems()).hasSize(2)
                .allSatisfy(p -> assertThat(p.toString()).doesNotContain("TOPSECRET"));
        assertThat(set.problems().get(1).toString()).contains("Secret keys: data.accessKeySecret");
    }

    @Test
    void documentWithoutNameIsAProblem() throws IOException {
        Path file = write("noname.yaml", ORDERS_ACCOUNT.replace("metadata: {name: orders}", "metadata: {}"));

        assertThat(reader.read(List.of(file)).problems()).singleElement().asString()
                .isEqualTo(file + ": AlibabaCloudAccount: metadata.name: is required");
    }

    @Test
    void directoriesAreWalkedForYamlOnlyInNameOrder() throws IOException {
        write("b/grant.yml", GRANT_IN_TEAM_A);
        write("a/account.yaml", ORDERS_ACCOUNT);
        write("a/README.md", "# not a manifest");
        write("empty.yaml", "---\n---\n");

        ManifestSet set = reader.read(List.of(dir));

        assertThat(set.problems()).isEmpty();
        assertThat(set.resources()).extracting(LoadedResource::kind)
                .containsExactly("AlibabaCloudAccount", "CrossAccountDtsGrant");
    }

    @Test
    void kubectlListsAreUnpacked() throws IOException {
        Path file = write("list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: ramgrants.io/v1alpha1
                  kind: AlibabaCloudAccount
                  metadata: {name: orders}
                  spec: {accountId: "2222222222222222", credentials: {default: true}}
                """);

        assertThat(reader.read(List.of(file)).accounts()).hasSize(1);
    }

    @Test
    void missingPathIsAProblem() {
        Path missing = dir.resolve("nope.yaml");

        assertThat(reader.read(List.of(missing)).problems()).singleElement().asString()
                .isEqualTo(missing + ": no such file or directory");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
