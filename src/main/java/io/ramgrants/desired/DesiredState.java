package io.ramgrants.desired;

import java.util.List;

/**
 * Everything one grant wants in RAM. {@code notes} explain an intentionally empty or
 * reduced result (e.g. the DTS task account owns both instances), for status and plan.
 */
public record DesiredState(OwnerRef owner, List<DesiredRole> roles, List<String> notes) {
    public DesiredState {
        roles = List.copyOf(roles);
        notes = List.copyOf(notes);
    }
}
