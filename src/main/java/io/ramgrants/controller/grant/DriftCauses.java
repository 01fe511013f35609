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
 *
 * <p>A correction made before ActionTrail told who caused it (the first pass after a restart runs
 * before the first poll re-reads the overlap; a delivery delay longer than the way to the next
 * pass) is attributed once, afterwards: the correction is kept per role, and the first pass that
 * finds the role in order while writes about it are known, made after the role's previous
 * correction and not after this one, says who made them ({@link Cause#correctedAt}).
 *
 * <p>Nothing is reported twice. The grant's recorded last correction ({@code
 * status.lastDriftCorrection}) survives restarts: a write from before its second is no cause of
 * anything later, and one its cause already names is not named again, so the overlap re-read after
 * a restart reports nothing a previous process did. Within a process, event IDs already announced
 * are not announced again.
 */
final class DriftCauses {
    private static final int ANNOUNCED = 4096;
    /** As long as ActionTrail writes are kept ({@code OutOfBandWrites}): no later event can explain an older correction. */
    private static final Duration UNATTRIBUTED_KEEP = Duration.ofHours(24);

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

    /** Corrections of a role made while no write about it was known; attributed once, when one is. */
    private final Map<String, Unattributed> unattributed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A correction of one role at {@code correctedAt}; only writes from {@code since} on, and not
     * named in {@code reported} (the cause of the correction before it), can have caused it.
     */
    private record Unattributed(Set<String> policies, Instant correctedAt, Instant since, String reported) {
    }

    DriftCauses(OutOfBandWrites writes) {
        this.writes = writes;
    }

    /**
     * What caused this pass's drift, when ActionTrail told; or, in a pass that finds a role in
     * order, what caused an earlier correction of it that no write explained when it was made.
     *
     * @param lastCorrection the time of the grant's last recorded correction before this pass
     *                       ({@code status.lastDriftCorrection.time}, whole seconds), or null:
     *                       writes before it were that correction's business
     * @param reported       that correction's cause, or null: the writes it names are not named again
     */
    Optional<Cause> explain(EngineResult result, Instant passStarted, Instant now, Instant lastCorrection,
                            String reported) {
        boolean corrected = !result.applied().isEmpty();
        List<OutOfBandWrites.Write> found = new ArrayList<>();
        for (RolePlan plan : result.plan().roles()) {
            if (plan.actions().isEmpty()) {
                continue;
            }
            Set<String> policies = policiesOf(plan);
            String key = roleKey(plan.accountId(), plan.roleName());
            Instant since = since(inOrderSince.get(key), lastCorrection);
            List<OutOfBandWrites.Write> causes = writes.about(plan.accountId(), plan.roleName(), policies).stream()
                    .filter(w -> candidate(w, since, reported)).toList();
            found.addAll(causes);
            if (corrected) {
                writes.settle(plan.accountId(), plan.roleName(), policies, passStarted);
                if (causes.isEmpty()) {
                    unattributed.put(key, new Unattributed(policies, now, since, reported));
                } else {
                    unattributed.remove(key);
                }
            }
        }
        List<OutOfBandWrites.Write> late = new ArrayList<>();
        Instant correctedAt = null;
        for (RoleResult role : result.roles()) {
            boolean drifted = result.plan().roles().stream().anyMatch(p -> p.accountId().equals(role.accountId())
                    && p.roleName().equalsIgnoreCase(role.roleName()) && !p.actions().isEmpty());
            if (!drifted) {
                String key = roleKey(role.accountId(), role.roleName());
                Unattributed earlier = corrected ? null : unattributed.get(key);
                if (earlier != null && earlier.correctedAt().plus(UNATTRIBUTED_KEEP).isBefore(now)) {
                    unattributed.remove(key, earlier);
                } else if (earlier != null) {
                    List<OutOfBandWrites.Write> causes = writes.about(role.accountId(), role.roleName(),
                            earlier.policies()).stream()
                            .filter(w -> candidate(w, earlier.since(), earlier.reported())
                                    && !w.time().isAfter(earlier.correctedAt()) && !announced.contains(w.eventId()))
                            .toList();
                    if (!causes.isEmpty()) {
                        unattributed.remove(key, earlier);
                        late.addAll(causes);
                        correctedAt = correctedAt == null || earlier.correctedAt().isAfter(correctedAt)
                                ? earlier.correctedAt() : correctedAt;
                    }
                }
                // In order now (someone put it back, or the write changed nothing we own).
                writes.settle(role.accountId(), role.roleName(), Set.of(), passStarted);
                inOrderSince.put(key, passStarted);
            }
        }
        List<OutOfBandWrites.Write> distinct = found.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return late.isEmpty() ? Optional.empty()
                    : Optional.of(describe(late.stream().distinct().sorted(java.util.Comparator.comparing(
                            OutOfBandWrites.Write::time)).toList(), true, true, correctedAt, correctedAt));
        }
        boolean news = corrected || !distinct.stream().allMatch(w -> announced.contains(w.eventId()));
        return Optional.of(describe(distinct, corrected, news, now, null));
    }

    private Cause describe(List<OutOfBandWrites.Write> writes, boolean corrected, boolean news, Instant correctedAt,
                           Instant afterwards) {
        writes.forEach(w -> announced.add(w.eventId()));
        StringBuilder text = new StringBuilder();
        for (OutOfBandWrites.Write w : writes) {
            text.append(text.length() == 0 ? "" : "; ").append(w.describe());
        }
        Instant latest = writes.get(writes.size() - 1).time();
        if (corrected) {
            long seconds = Math.max(0, Duration.between(latest, correctedAt).toSeconds());
            text.append("; corrected ").append(seconds).append(" s later");
        } else {
            text.append("; not corrected (managementPolicy: Observe, or writes paused)");
        }
        return new Cause(text.toString(), corrected, news, afterwards);
    }

    /**
     * {@code news}: not announced before (a correction always is). {@code correctedAt}: null when
     * the cause is this pass's own correction; else the time of the earlier correction it explains.
     */
    record Cause(String text, boolean corrected, boolean news, Instant correctedAt) {
    }

    /**
     * From when a write can be a cause: the later of the role last found in order (less a second:
     * event times are whole seconds, a write stamped a second earlier may postdate that pass) and
     * the grant's last recorded correction (whole seconds too).
     */
    private static Instant since(Instant inOrder, Instant lastCorrection) {
        Instant observed = inOrder == null ? null : inOrder.minusSeconds(1);
        if (observed == null) {
            return lastCorrection;
        }
        return lastCorrection == null || observed.isAfter(lastCorrection) ? observed : lastCorrection;
    }

    /** Whether the write can be a cause: not before {@code since}, and not one the last correction named. */
    private static boolean candidate(OutOfBandWrites.Write w, Instant since, String reported) {
        return (since == null || !w.time().isBefore(since)) && (reported == null || !reported.contains(w.describe()));
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
