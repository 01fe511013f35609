package io.ramgrants.desired.validation;

import static io.ramgrants.desired.Fixtures.DMS;
import static io.ramgrants.desired.Fixtures.OWNER;
import static io.ramgrants.desired.Fixtures.access;
import static io.ramgrants.desired.Fixtures.account;
import static io.ramgrants.desired.Fixtures.directory;
import static io.ramgrants.desired.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.api.AccountRef;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRoleSpec;
import io.ramgrants.api.DmsRegistrationRoleSpec;
import io.ramgrants.api.NetworkType;
import io.ramgrants.desired.InMemoryAccountDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of the two DMS kinds. */
class DmsValidatorsTest {
    private final DmsRegistrationValidator registration = new DmsRegistrationValidator();
    private final DmsAccessValidator access = new DmsAccessValidator();

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                Arguments.of("no owner", (Consumer<DmsRegistrationRoleSpec>) s -> s.ownerAccountRef = null,
                        "spec.ownerAccountRef.name", "is required"),
                Arguments.of("unknown owner", (Consumer<DmsRegistrationRoleSpec>) s -> s.ownerAccountRef =
                        new AccountRef("ghost"), "spec.ownerAccountRef", "no AlibabaCloudAccount named 'ghost'"),
                Arguments.of("bad DMS account", (Consumer<DmsRegistrationRoleSpec>) s -> s.dmsAccountId = "A",
                        "spec.dmsAccountId", "16-digit"),
                Arguments.of("DMS account is the owner", (Consumer<DmsRegistrationRoleSpec>) s -> s.dmsAccountId = OWNER,
                        "spec.dmsAccountId", "owner account itself"),
                Arguments.of("no database types", (Consumer<DmsRegistrationRoleSpec>) s -> s.databaseTypes =
                        new ArrayList<>(), "spec.databaseTypes", "at least one"),
                Arguments.of("null database types", (Consumer<DmsRegistrationRoleSpec>) s -> s.databaseTypes = null,
                        "spec.databaseTypes", "at least one"),
                Arguments.of("empty database type entry", (Consumer<DmsRegistrationRoleSpec>) s -> s.databaseTypes =
                        Arrays.asList(DatabaseType.Redis, null), "spec.databaseTypes", "empty entry"),
                Arguments.of("bad policy name", (Consumer<DmsRegistrationRoleSpec>) s -> s.policyName = "my_policy",
                        "spec.policyName", "letters, digits or '-'"),
                Arguments.of("policy name too long", (Consumer<DmsRegistrationRoleSpec>) s -> s.policyName =
                        "p".repeat(129), "spec.policyName", "1-128"),
                Arguments.of("bad role name", (Consumer<DmsRegistrationRoleSpec>) s -> s.roleName = "dms role",
                        "spec.roleName", "letters, digits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRegistrations")
    void invalidRegistrationNamesTheField(String name, Consumer<DmsRegistrationRoleSpec> change, String field,
            String says) {
        DmsRegistrationRoleSpec spec = registration(List.of(DatabaseType.Redis), List.of(NetworkType.VPC)).getSpec();
        change.accept(spec);

        assertThat(registration.validate("team-a", spec, directory())).anySatisfy(e -> {
            assertThat(e.fieldPath()).isEqualTo(field);
            assertThat(e.message()).contains(says);
        });
    }

    @Test
    void validRegistrationHasNoErrors() {
        assertThat(registration.validate("team-a",
                registration(List.of(DatabaseType.values()), List.of(NetworkType.values())).getSpec(), directory()))
                .isEmpty();
    }

    @Test
    void registrationTrustsOnlyTrustableAccounts() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().trustableAccounts = List.of("9999999999999999");

        assertThat(registration.validate("team-a", registration(List.of(DatabaseType.Redis), List.of()).getSpec(),
                InMemoryAccountDirectory.of(List.of(owner))))
                .extracting(ValidationError::fieldPath).containsExactly("spec.dmsAccountId");
    }

    @Test
    void accessRoleRules() {
        assertThat(access.validate("team-a", access(DMS).getSpec(), directory())).isEmpty();

        DmsAccessRoleSpec self = access(OWNER).getSpec();
        assertThat(access.validate("team-a", self, directory())).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("spec.accessorAccountId: is the owner account"));

        DmsAccessRoleSpec broken = access("42").getSpec();
        broken.ownerAccountRef = new AccountRef("ghost");
        broken.roleName = "a/b";
        assertThat(access.validate("team-a", broken, directory())).extracting(ValidationError::fieldPath)
                .containsExactlyInAnyOrder("spec.ownerAccountRef", "spec.accessorAccountId", "spec.roleName");
    }

    @Test
    void accessRoleOwnerMustAllowTheNamespace() {
        AlibabaCloudAccount owner = account("owner", OWNER);
        owner.getSpec().allowedNamespaces = List.of("dba");

        assertThat(access.validate("team-a", access(DMS).getSpec(),
                InMemoryAccountDirectory.of(List.of(owner, account("dms", DMS)))))
                .extracting(ValidationError::fieldPath).containsExactly("spec.ownerAccountRef");
    }
}
