package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import io.ramgrants.engine.RoleClaims;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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

    @Test
    void agreesWithTheWholeSetComparisonOverRandomClaimsAndReleases() {
        RoleClaimIndex index = new RoleClaimIndex();
        Map<OwnerRef, DesiredState> model = new TreeMap<>(java.util.Comparator.comparing(OwnerRef::toString));
        Random random = new Random(18);
        for (int step = 0; step < 2_000; step++) {
            OwnerRef owner = new OwnerRef("ns", "DmsAccessRole", "g" + random.nextInt(12));
            if (random.nextInt(4) == 0) {
                index.release(owner);
                model.remove(owner);
                continue;
            }
            String role = (random.nextBoolean() ? "Role-" : "role-") + random.nextInt(6);
            DesiredState state = wants(owner, role);
            model.put(owner, state);
            assertThat(index.claim(state)).as("step %d", step)
                    .isEqualTo(RoleClaims.involving(owner, model.values()));
        }
    }

    /**
     * A resync claims every grant again. Rebuilding all duplicates per claim made that O(N²)
     * under the monitor the three controllers share (20000 grants: minutes); by role it is linear.
     */
    @Test
    void aResyncOfManyGrantsStaysLinear() {
        RoleClaimIndex index = new RoleClaimIndex();
        List<DesiredState> states = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            OwnerRef owner = new OwnerRef("ns", "DmsAccessRole", "grant-" + i);
            states.add(wants(owner, "role-" + i));
        }
        long started = System.nanoTime();
        for (int pass = 0; pass < 2; pass++) {
            states.forEach(state -> assertThat(index.claim(state)).isEmpty());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("two passes over 20000 claims took %d ms", millis).isLessThan(5_000);
    }
}
