package io.ramgrants.manifest;

import static io.ramgrants.manifest.ManifestFixtures.GRANT;
import static io.ramgrants.manifest.ManifestFixtures.ORDERS_ACCOUNT;
import static io.ramgrants.manifest.ManifestFixtures.TASK_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestEvaluatorTest {
    private static final String ACCOUNTS = ORDERS_ACCOUNT + "---\n" + TASK_ACCOUNT;

    @TempDir
    Path dir;

    @Test
    void accountRefsResolveFromAccountsInTheSameInput() throws IOException {
        List<EvaluatedResource> result = evaluate(ACCOUNTS + "---\n" + GRANT);

        assertThat(result).extracting(EvaluatedResource::displayName)
                .containsExactly("AlibabaCloudAccount orders", "AlibabaCloudAccount task",
                        "CrossAccountDtsGrant default/sync");
        assertThat(result).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        assertThat(result.get(0).desired()).isEmpty();
        assertThat(result.get(2).desired().orElseThrow().roles()).extracting(DesiredRole::accountId)
                .containsExactly("2222222222222222");
    }

    @Test
    void missingAccountIsAnErrorNamingFileResourceAndField() throws IOException {
        List<EvaluatedResource> result = evaluate(GRANT);

        Path file = dir.resolve("in.yaml");
        assertThat(result).singleElement().satisfies(r -> {
            assertThat(r.valid()).isFalse();
            assertThat(r.desired()).isEmpty();
            assertThat(r.errors()).contains(file + ": CrossAccountDtsGrant default/sync: spec.source.accountRef: "
                    + "no AlibabaCloudAccount named 'orders'; create it or correct the name");
        });
    }

    @Test
    void invalidAccountsAreReported() throws IOException {
        List<EvaluatedResource> result = evaluate(ACCOUNTS.replace("{default: true}", "{}"));

        assertThat(result).allSatisfy(r -> assertThat(r.errors()).singleElement().asString()
                .contains("spec.credentials: set exactly one of"));
    }

    @Test
    void theSameResourceDeclaredTwiceIsAnError() throws IOException {
        List<EvaluatedResource> result = evaluate(ACCOUNTS + "---\n" + GRANT + "---\n" + GRANT);

        assertThat(result.get(3).errors()).anySatisfy(e -> assertThat(e).contains("declared twice"));
    }

    @Test
    void twoGrantsWantingOneRoleClash() throws IOException {
        List<EvaluatedResource> result = evaluate(ACCOUNTS + "---\n" + GRANT + "---\n" + GRANT.replace("sync", "sync2"));

        assertThat(result.get(2).valid()).isTrue();
        assertThat(result.get(3).errors()).singleElement().asString()
                .contains("CrossAccountDtsGrant default/sync2: spec.roleName: role ram-for-dts in account "
                        + "2222222222222222 is already wanted by CrossAccountDtsGrant default/sync");
        assertThat(result.get(3).desired()).isEmpty();
    }

    private List<EvaluatedResource> evaluate(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("in.yaml"), yaml);
        ManifestSet set = new ManifestReader().read(List.of(file));
        assertThat(set.problems()).isEmpty();
        return new ManifestEvaluator().evaluate(set);
    }
}
