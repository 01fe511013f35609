package io.ramgrants.controller.grant;

import io.ramgrants.engine.EngineResult;
import io.ramgrants.engine.PlannedAction;
import io.ramgrants.engine.RolePlan;
import io.ramgrants.engine.RoleResult;
import io.ramgrants.engine.batch.OutOfBandWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Says who caused the drift a pass found, from the out-of-band writes ActionTrail reported for
 * the drifted roles and their custom policies: {@code AdministratorAccess attached to r by RAM
 * user alice (LTAI****abcd) from 203.0.113.5 at 12:03:07Z; corrected 9 s later}. A correction
 * uses the writes up; in Observe mode they stay (the drift does) but each is announced once.
 */
final class DriftCauses {
    private static final int ANNOUNCED = 4096;

    private final OutOfBandWrites writes;
    private final Set<String> announced = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > ANNOUNCED;
                }
            }));

    /** When a pass last found each role (account/lower-cased name) in order; older writes are no cause. */
    private final Map<String, Instant> inOrderSince = new java.util.concurrent.ConcurrentHashMap<>();

    DriftCauses(OutOfBandWrites writes) {
        this.writes = writes;
    }

    /** What caused this pass's drift, when ActionTrail told. */
    Optional<Cause> explain(EngineResult result, Instant passStarted, Instant now) {
        boolean corrected = !result.applied().isEmpty();
        List<OutOfBandWrites.Write> found = new ArrayList<>();
        for (RolePlan plan : result.plan().roles()) {
            if (plan.actions().isEmpty()) {
                continue;
            }
            Set<String> policies = policiesOf(plan);
            Instant inOrder = inOrderSince.get(roleKey(plan.accountId(), plan.roleName()));
            // Event times are whole seconds: a write up to a second before that pass may postdate it.
            writes.about(plan.accountId(), plan.roleName(), policies).stream()
                    .filter(w -> inOrder == null || !w.time().isBefore(inOrder.minusSeconds(1)))
                    .forEach(found::add);
            if (corrected) {
                writes.settle(plan.accountId(), plan.roleName(), policies, passStarted);
            }
        }
        for (RoleResult role : result.roles()) {
            boolean drifted = result.plan().roles().stream().anyMatch(p -> p.accountId().equals(role.accountId())
                    && p.roleName().equalsIgnoreCase(role.roleName()) && !p.actions().isEmpty());
            if (!drifted) {
                // In order now (someone put it back, or the write changed nothing we own).
                writes.settle(role.accountId(), role.roleName(), Set.of(), passStarted);
                inOrderSince.put(roleKey(role.accountId(), role.roleName()), passStarted);
            }
        }
        List<OutOfBandWrites.Write> distinct = found.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        boolean news = corrected || !distinct.stream().allMatch(w -> announced.contains(w.eventId()));
        distinct.forEach(w -> announced.add(w.eventId()));
        StringBuilder text = new StringBuilder();
        for (OutOfBandWrites.Write w : distinct) {
            text.append(text.length() == 0 ? "" : "; ").append(w.describe());
        }
        Instant latest = distinct.get(distinct.size() - 1).time();
        if (corrected) {
            long seconds = Math.max(0, Duration.between(latest, now).toSeconds());
            text.append("; corrected ").append(seconds).append(" s later");
        } else {
            text.append("; not corrected (managementPolicy: Observe, or writes paused)");
        }
        return Optional.of(new Cause(text.toString(), corrected, news));
    }

    /** {@code news}: not announced before (a correction always is). */
    record Cause(String text, boolean corrected, boolean news) {
    }

    private static String roleKey(String accountId, String roleName) {
        return accountId + "/" + roleName.toLowerCase(java.util.Locale.ROOT);
    }

    /** Custom policies whose document the plan corrects (attachments are the role's, found under its name). */
    private static Set<String> policiesOf(RolePlan plan) {
        Set<String> names = new TreeSet<>();
        for (PlannedAction a : plan.actions()) {
            if (a instanceof PlannedAction.CreatePolicyVersion v) {
                names.add(v.policyName());
            } else if (a instanceof PlannedAction.CreatePolicy p) {
                names.add(p.policyName());
            } else if (a instanceof PlannedAction.DeletePolicyVersion p) {
                names.add(p.policyName());
            }
        }
        return names;
    }
}
