package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RoleClaimIndexTest {
    private static final OwnerRef FIRST = new OwnerRef("ns", "DmsAccessRole", "first");
    private static final OwnerRef SECOND = new OwnerRef("ns", "DmsAccessRole", "second");

    private static DesiredState wants(OwnerRef owner, String roleName) {
        PolicyDocument trust = PolicyDocument.of(Statement.assumeRoleBy(Principal.of(
                List.of("acs:ram::1111111111111111:root"), List.of(), List.of())));
        return new DesiredState(owner, List.of(new DesiredRole("2222222222222222", roleName, owner.marker(), trust,
                Set.of("AliyunDMSLoginConsoleAccess"), List.of(), owner)), List.of());
    }

    @Test
    void aSecondClaimOnOneRoleIsADuplicateAndBothOwnersHearOfIt() {
        RoleClaimIndex index = new RoleClaimIndex();
        List<OwnerRef> told = new CopyOnWriteArrayList<>();
        index.addListener(told::add);

        assertThat(index.claim(wants(FIRST, "shared"))).isEmpty();
        assertThat(index.claim(wants(SECOND, "SHARED"))).singleElement()
                .satisfies(d -> assertThat(d.owners()).containsExactly(FIRST, SECOND));
        assertThat(told).containsExactly(FIRST);

        index.release(SECOND);
        assertThat(told).containsExactly(FIRST, FIRST);
        assertThat(index.claim(wants(FIRST, "shared"))).isEmpty();
    }

    @Test
    void repeatingAnUnchangedClaimTellsNobody() {
        RoleClaimIndex index = new RoleClaimIndex();
        List<OwnerRef> told = new CopyOnWriteArrayList<>();
        index.addListener(told::add);
        index.claim(wants(FIRST, "shared"));
        index.claim(wants(SECOND, "shared"));
        told.clear();

        index.claim(wants(SECOND, "shared"));
        assertThat(told).isEmpty();
    }
}
