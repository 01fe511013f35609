package io.ramgrants.desired.validation;

import static io.ramgrants.desired.Fixtures.DESTINATION;
import static io.ramgrants.desired.Fixtures.SOURCE;
import static io.ramgrants.desired.Fixtures.TASK;
import static io.ramgrants.desired.Fixtures.account;
import static io.ramgrants.desired.Fixtures.byId;
import static io.ramgrants.desired.Fixtures.byRef;
import static io.ramgrants.desired.Fixtures.directory;
import static io.ramgrants.desired.Fixtures.dts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.AccountRef;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.CrossAccountDtsGrantSpec;
import io.ramgrants.api.DtsEngine;
import io.ramgrants.api.Infrastructure;
import io.ramgrants.desired.AccountDirectory;
import io.ramgrants.desired.InMemoryAccountDirectory;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRD's schema and CEL rules for CrossAccountDtsGrant, and the Java-only ones. */
class DtsGrantValidatorTest {
    private final DtsGrantValidator validator = new DtsGrantValidator();

    private static Arguments invalid(String name, Consumer<CrossAccountDtsGrantSpec> change, String field, String says) {
        return Arguments.of(name, change, field, says);
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid("task account missing", s -> s.taskAccountId = null, "spec.taskAccountId", "is required"),
                invalid("task account not 16 digits", s -> s.taskAccountId = "12345", "spec.taskAccountId", "16-digit"),
                invalid("source missing", s -> s.source = null, "spec.source", "is required"),
                invalid("source names no account", s -> s.source.accountId = null, "spec.source", "exactly one"),
                invalid("source names two accounts", s -> s.source.accountRef = new AccountRef("source"), "spec.source",
                        "exactly one"),
                invalid("source account id with letters", s -> s.source.accountId = "22222222222222a2",
                        "spec.source.accountId", "16-digit"),
                invalid("source engine missing", s -> s.source.engine = null, "spec.source.engine", "is required"),
                invalid("destination is not RDS MySQL", s -> s.destination.engine = DtsEngine.PolarDBMySQL,
                        "spec.destination.engine", "must be RdsMySQL"),
                invalid("two-way from PolarDB", s -> {
                    s.twoWay = true;
                    s.source.engine = DtsEngine.PolarDBMySQL;
                }, "spec.twoWay", "RdsMySQL"),
                invalid("role name with a quote", s -> s.roleName = "ram\"-for-dts", "spec.roleName", "letters, digits"),
                invalid("role name with JSON braces", s -> s.roleName = "x\"},{\"Effect", "spec.roleName", "letters"),
                invalid("role name too long", s -> s.roleName = "r".repeat(65), "spec.roleName", "1-64"),
                invalid("role name empty", s -> s.roleName = "", "spec.roleName", "is required"),
                invalid("description too long", s -> s.description = "d".repeat(513), "spec.description", "512"),
                invalid("deletion policy null", s -> s.deletionPolicy = null, "spec.deletionPolicy", "Delete or Retain"),
                invalid("dangling accountRef", s -> {
                    s.source.accountId = null;
                    s.source.accountRef = new AccountRef("nobody");
                }, "spec.source.accountRef", "no AlibabaCloudAccount named 'nobody'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void invalidSpecNamesTheFieldAndWhatToDo(String name, Consumer<CrossAccountDtsGrantSpec> change, String field,
            String says) {
        CrossAccountDtsGrantSpec spec = dts(TASK, SOURCE, DESTINATION).getSpec();
        change.accept(spec);

        assertThat(validator.validate("team-a", spec, directory()))
                .anySatisfy(e -> {
                    assertThat(e.fieldPath()).isEqualTo(field);
                    assertThat(e.message()).contains(says);
                });
    }

    @Test
    void validSpecsHaveNoErrors() {
        assertThat(validator.validate("team-a", dts(TASK, SOURCE, DESTINATION).getSpec(), directory())).isEmpty();
        CrossAccountDtsGrantSpec twoWay = dts(TASK, byRef("source", DtsEngine.RdsMySQL), byId(TASK, DtsEngine.RdsMySQL))
                .getSpec();
        twoWay.twoWay = true;
        assertThat(validator.validate("team-a", twoWay, directory())).isEmpty();
    }

    @Test
    void everyDtsSourceEngineIsAccepted() {
        for (DtsEngine engine : DtsEngine.values()) {
            CrossAccountDtsGrantSpec spec = dts(TASK, byId(SOURCE, engine), byId(TASK, DtsEngine.RdsMySQL)).getSpec();
            assertThat(validator.validate("team-a", spec, directory())).as(engine.name()).isEmpty();
        }
    }

    @Test
    void accountsOfDifferentInfrastructuresAreRejected() {
        AccountDirectory accounts = InMemoryAccountDirectory.of(List.of(account("task", TASK),
                account("source", SOURCE, Infrastructure.Finance), account("destination", DESTINATION)));

        assertThat(validator.validate("team-a", dts(TASK, SOURCE, DESTINATION).getSpec(), accounts))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.fieldPath()).isEqualTo("spec");
                    assertThat(e.message()).contains("infrastructures").contains("Finance").contains("Public");
                });
    }

    @Test
    void unknownAccountsByIdAreFineOffline() {
        assertThat(validator.validate("team-a", dts(TASK, SOURCE, DESTINATION).getSpec(),
                InMemoryAccountDirectory.empty())).isEmpty();
    }

    @Test
    void accountClosedToTheNamespaceIsRejected() {
        AlibabaCloudAccount source = account("source", SOURCE);
        source.getSpec().allowedNamespaces = List.of("team-b");
        AccountDirectory accounts = InMemoryAccountDirectory.of(List.of(account("task", TASK), source));
        CrossAccountDtsGrantSpec spec = dts(TASK, byRef("source", DtsEngine.RdsMySQL), byId(TASK, DtsEngine.RdsMySQL))
                .getSpec();

        assertThat(validator.validate("team-a", spec, accounts)).singleElement()
                .satisfies(e -> {
                    assertThat(e.fieldPath()).isEqualTo("spec.source.accountRef");
                    assertThat(e.message()).contains("does not allow namespace 'team-a'");
                });
        assertThat(validator.validate("team-b", spec, accounts)).isEmpty();
    }

    @Test
    void taskAccountMustBeTrustableByTheRoleAccount() {
        AlibabaCloudAccount source = account("source", SOURCE);
        source.getSpec().trustableAccounts = List.of(DESTINATION);
        AccountDirectory accounts = InMemoryAccountDirectory.of(List.of(account("task", TASK), source));

        assertThat(validator.validate("team-a", dts(TASK, SOURCE, TASK).getSpec(), accounts)).singleElement()
                .satisfies(e -> {
                    assertThat(e.fieldPath()).isEqualTo("spec.taskAccountId");
                    assertThat(e.message()).contains("trustableAccounts");
                });
    }

    @Test
    void withoutTrustableAccountsTheTaskAccountMustBeKnown() {
        AccountDirectory accounts = InMemoryAccountDirectory.of(List.of(account("source", SOURCE)));

        assertThat(validator.validate("team-a", dts(TASK, SOURCE, TASK).getSpec(), accounts)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("not known to the cluster"));
    }

    @Test
    void missingSpecIsOneError() {
        assertThat(validator.validate("team-a", null, directory())).extracting(ValidationError::fieldPath)
                .containsExactly("spec");
    }
}
