package io.ramgrants.manifest;

import static io.ramgrants.manifest.ManifestFixtures.GRANT_IN_TEAM_A;
import static io.ramgrants.manifest.ManifestFixtures.ORDERS_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input as kustomize, helm and people produce it: a stream, other kinds mixed in, several mistakes at once. */
class ManifestInputTest {
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: team-a}
            data: {a: b}
            """;

    @TempDir
    Path dir;

    private static ManifestReader stdin(String content, boolean strict) {
        return new ManifestReader(strict, () -> new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> problems(ManifestSet set) {
        return set.problems().stream().map(ManifestProblem::toString).toList();
    }

    @Test
    void dashReadsStandardInput() {
        ManifestSet set = stdin(ORDERS_ACCOUNT + "---\n" + GRANT_IN_TEAM_A, false).read(List.of(Path.of("-")));

        assertThat(set.problems()).isEmpty();
        assertThat(set.accounts()).hasSize(1);
        assertThat(set.grants()).singleElement().satisfies(g -> assertThat(g.location()).isEqualTo("<stdin>#2"));
    }

    @Test
    void otherKindsAreSkippedWithANoteUnlessStrict() {
        String stream = CONFIG_MAP + "---\n" + GRANT_IN_TEAM_A;

        ManifestSet lenient = stdin(stream, false).read(List.of(Path.of("-")));
        assertThat(lenient.problems()).isEmpty();
        assertThat(lenient.grants()).hasSize(1);
        assertThat(lenient.skipped()).extracting(ManifestProblem::toString).containsExactly(
                "<stdin>: skipped ConfigMap team-a/settings (v1): not a kind plan or apply reads");

        ManifestSet strict = stdin(stream, true).read(List.of(Path.of("-")));
        assertThat(problems(strict)).singleElement().asString().startsWith("<stdin>: unknown kind 'ConfigMap'");
        assertThat(strict.skipped()).isEmpty();
    }

    @Test
    void aMisspeltKindOfOurGroupIsStillAnErrorWithASuggestion() {
        ManifestSet set = stdin(GRANT_IN_TEAM_A.replace("kind: CrossAccountDtsGrant", "kind: CrossAccountDTSGrant"),
                false).read(List.of(Path.of("-")));
        assertThat(problems(set)).singleElement().asString()
                .contains("unknown kind 'CrossAccountDTSGrant'").contains("did you mean 'CrossAccountDtsGrant'?");
    }

    @Test
    void everyErrorOfADocumentIsReportedWithDidYouMean() throws IOException {
        Path file = Files.writeString(dir.resolve("typos.yaml"), GRANT_IN_TEAM_A
                .replace("engine: PolarDBMySQL", "engine: polardbmysql")
                .replace("engine: RdsMySQL", "engine: RDSMySQL")
                .replace("taskAccountId", "taskAcountId"));

        List<String> problems = problems(new ManifestReader().read(List.of(file)));

        String grant = file + ": CrossAccountDtsGrant team-a/sync: ";
        assertThat(problems).hasSize(3);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(grant + "spec.taskAcountId: unknown field"
                + " 'taskAcountId'").endsWith("; did you mean 'taskAccountId'?"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(grant + "spec.source.engine: 'polardbmysql'"
                + " is not one of [").endsWith("; did you mean 'PolarDBMySQL'?"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(grant + "spec.destination.engine: 'RDSMySQL'"
                + " is not one of [").endsWith("; did you mean 'RdsMySQL'?"));
    }

    @Test
    void aNumberWhereTheCrdDeclaresAStringIsRefused() {
        ManifestSet set = stdin(GRANT_IN_TEAM_A.replace("taskAccountId: \"1111111111111111\"",
                "taskAccountId: 1111111111111111"), false).read(List.of(Path.of("-")));

        assertThat(set.grants()).isEmpty();
        assertThat(problems(set)).containsExactly("<stdin>: CrossAccountDtsGrant team-a/sync: spec.taskAccountId:"
                + " must be a string, not a number or boolean (quote the value, as the CRD requires)");
    }

    @Test
    void anUnquotedBooleanAnnotationIsRefusedToo() {
        ManifestSet set = stdin(GRANT_IN_TEAM_A.replace("metadata: {name: sync, namespace: team-a}",
                "metadata: {name: sync, namespace: team-a, annotations: {ramgrants.io/paused: true}}"), false)
                .read(List.of(Path.of("-")));

        assertThat(problems(set)).singleElement().asString().contains("metadata.annotations")
                .contains("must be a string");
    }

    @Test
    void aYamlErrorNamesTheLineInTheFile() throws IOException {
        String broken = ORDERS_ACCOUNT + "---\n" + GRANT_IN_TEAM_A.replace("source: {accountRef: {name: orders},",
                "source: {accountRef: {name: orders}}},");
        Path file = Files.writeString(dir.resolve("broken.yaml"), broken);
        int line = (int) broken.lines().takeWhile(l -> !l.contains("}}},")).count() + 1;

        assertThat(problems(new ManifestReader().read(List.of(file)))).singleElement().asString()
                .startsWith(file + "#2: not valid YAML: ").contains("(line " + line + ",");
    }
}
