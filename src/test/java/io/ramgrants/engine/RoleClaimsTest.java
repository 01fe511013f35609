package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.B;
import static io.ramgrants.engine.Fixtures.DTS_OWNER;
import static io.ramgrants.engine.Fixtures.OTHER_OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleClaimsTest {
    static DesiredState state(OwnerRef owner, String account, String roleName) {
        DesiredRole base = Fixtures.dtsRole(account);
        DesiredRole role = new DesiredRole(account, roleName, owner.marker(), base.trustPolicy(), base.systemPolicies(),
                List.of(), owner);
        return new DesiredState(owner, List.of(role), List.of());
    }

    @Test
    void sameRoleNameInOneAccountIgnoringCaseIsADuplicate() {
        List<RoleClaims.DuplicateClaim> duplicates = RoleClaims.duplicates(List.of(
                state(DTS_OWNER, A, "ram-for-dts"), state(OTHER_OWNER, A, "RAM-for-DTS")));
        assertThat(duplicates).singleElement().satisfies(d -> {
            assertThat(d.accountId()).isEqualTo(A);
            assertThat(d.owners()).containsExactly(DTS_OWNER, OTHER_OWNER);
            assertThat(d.message()).isEqualTo("role ram-for-dts in " + A
                    + " is wanted by team-a/CrossAccountDtsGrant/orders, team-z/CrossAccountDtsGrant/other");
        });
    }

    @Test
    void sameRoleNameInDifferentAccountsIsFine() {
        assertThat(RoleClaims.duplicates(List.of(state(DTS_OWNER, A, "ram-for-dts"), state(OTHER_OWNER, B, "ram-for-dts"))))
                .isEmpty();
    }

    @Test
    void involvingKeepsOnlyTheClaimsOfOneOwner() {
        OwnerRef third = new OwnerRef("x", "DmsAccessRole", "y");
        List<DesiredState> states = List.of(state(DTS_OWNER, A, "r1"), state(OTHER_OWNER, A, "r1"),
                state(third, B, "r2"), state(OTHER_OWNER, B, "r2"));
        assertThat(RoleClaims.involving(DTS_OWNER, states)).map(RoleClaims.DuplicateClaim::roleName).containsExactly("r1");
        assertThat(RoleClaims.involving(OTHER_OWNER, states)).hasSize(2);
    }
}
