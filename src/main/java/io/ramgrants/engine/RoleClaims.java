package io.ramgrants.engine;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.desired.OwnerRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds roles that two resources both want (same account, role names equal ignoring case, as
 * RAM treats them), so the clash is reported before any write instead of the two owners
 * fighting over one role.
 */
public final class RoleClaims {
    private RoleClaims() {}

    /** A role wanted by more than one owner. */
    public record DuplicateClaim(String accountId, String roleName, List<OwnerRef> owners) {
        public DuplicateClaim {
            owners = List.copyOf(owners);
        }

        public String message() {
            return "role " + roleName + " in " + accountId + " is wanted by "
                    + String.join(", ", owners.stream().map(OwnerRef::toString).toList());
        }
    }

    public static List<DuplicateClaim> duplicates(Collection<DesiredState> states) {
        Map<String, Set<OwnerRef>> owners = new LinkedHashMap<>();
        Map<String, DesiredRole> firstSeen = new LinkedHashMap<>();
        for (DesiredState state : states) {
            for (DesiredRole role : state.roles()) {
                String key = key(role);
                owners.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(state.owner());
                firstSeen.putIfAbsent(key, role);
            }
        }
        List<DuplicateClaim> duplicates = new ArrayList<>();
        owners.forEach((key, claimants) -> {
            if (claimants.size() > 1) {
                DesiredRole role = firstSeen.get(key);
                duplicates.add(new DuplicateClaim(role.accountId(), role.roleName(), List.copyOf(claimants)));
            }
        });
        return duplicates;
    }

    /** What two claims on one role share: the account and the role name as RAM compares it (ignoring case). */
    public static String key(DesiredRole role) {
        return role.accountId() + "/" + role.roleName().toLowerCase(Locale.ROOT);
    }

    /** The duplicates that involve {@code owner}: what a controller reports on its own resource. */
    public static List<DuplicateClaim> involving(OwnerRef owner, Collection<DesiredState> states) {
        return duplicates(states).stream().filter(d -> d.owners().contains(owner)).toList();
    }
}
