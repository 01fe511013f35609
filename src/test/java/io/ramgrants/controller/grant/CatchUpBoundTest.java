package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.EngineFailure;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.Plan;
import io.ramgrants.engine.PlannedAction;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A refusal that looks like RAM catching up with our own write is retried as {@code RamCatchingUp}
 * for {@link GrantWorkflow#CATCH_UP_BOUND}; once it has lasted longer, the grant stalls with a message
 * naming the RAM code.
 */
class CatchUpBoundTest {
    static final OwnerRef OWNER = new OwnerRef("team", "CrossAccountDtsGrant", "g");
    static final String ACCOUNT = "2222222222222222";
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final CatchUpBound bound = new CatchUpBound(GrantWorkflow.CATCH_UP_BOUND, now::get);

    @Test
    void aCatchingUpRefusalIsRetriedUntilItHasLastedTheBoundThenStallsNamingTheCode() {
        Optional<EngineFailure> refused = Optional.of(deleteRefused("DeleteConflict.Role.Policy"));
        assertThat(refused.get().mayBeCatchingUp()).isTrue();

        assertThat(bound.within(OWNER, refused)).as("first refusal").isTrue();
        advance(GrantWorkflow.CATCH_UP_BOUND.minusSeconds(1));
        assertThat(bound.within(OWNER, refused)).as("still within the bound").isTrue();
        Verdict meanwhile = EngineVerdicts.catchingUp(refused.get());
        assertThat(meanwhile.reason()).isEqualTo(GrantReasons.RAM_CATCHING_UP);
        assertThat(meanwhile.standing()).isEqualTo(Verdict.Standing.RECONCILING);

        advance(Duration.ofSeconds(2));
        assertThat(bound.within(OWNER, refused)).as("past the bound").isFalse();
        Verdict after = EngineVerdicts.afterReconcile(failedWith(refused.get()), EngineOptions.defaults());
        assertThat(after.reason()).isEqualTo(GrantReasons.RAM_REJECTED);
        assertThat(after.standing()).isEqualTo(Verdict.Standing.STALLED);
        assertThat(after.message()).contains("DeleteConflict.Role.Policy").contains("2 minutes");
    }

    @Test
    void anyOtherOutcomeStartsTheBoundAgain() {
        Optional<EngineFailure> refused = Optional.of(deleteRefused("DeleteConflict.Role.Policy"));
        assertThat(bound.within(OWNER, refused)).isTrue();
        advance(GrantWorkflow.CATCH_UP_BOUND.plusSeconds(10));
        assertThat(bound.within(OWNER, Optional.empty())).as("a pass without failure").isFalse();
        assertThat(bound.within(OWNER, refused)).as("a new refusal, a new bound").isTrue();

        advance(GrantWorkflow.CATCH_UP_BOUND.plusSeconds(10));
        bound.forget(OWNER);
        assertThat(bound.within(OWNER, refused)).as("after the grant was forgotten").isTrue();
    }

    @Test
    void aRefusalThatIsNotRamCatchingUpIsNeverHeldBack() {
        Optional<EngineFailure> denied = Optional.of(EngineFailure.ofAction(delete(), "r",
                new RamException(RamErrorKind.ACCESS_DENIED, "NoPermission", 403, "DeleteRole", "denied", "req", null)));
        assertThat(bound.within(OWNER, denied)).isFalse();
    }

    @Test
    void eachGrantHasItsOwnBound() {
        Optional<EngineFailure> refused = Optional.of(deleteRefused("DeleteConflict.Role.Policy"));
        OwnerRef other = new OwnerRef("team", "CrossAccountDtsGrant", "other");
        assertThat(bound.within(OWNER, refused)).isTrue();
        advance(GrantWorkflow.CATCH_UP_BOUND.plusSeconds(1));
        assertThat(bound.within(other, refused)).as("the other grant's first refusal").isTrue();
        assertThat(bound.within(OWNER, refused)).isFalse();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    private static PlannedAction delete() {
        return new PlannedAction.DeleteRole(ACCOUNT, "r");
    }

    private static EngineFailure deleteRefused(String code) {
        return EngineFailure.ofAction(delete(), "r",
                new RamException(RamErrorKind.CONFLICT, code, 409, "DeleteRole", "attached", "req", null));
    }

    private static EngineResult failedWith(EngineFailure failure) {
        return new EngineResult(List.of(), Plan.empty(), List.of(), Optional.of(failure), List.of(), List.of(), false);
    }
}
