package io.ramgrants.ram;

import java.util.List;

/** One ListRoles page; {@code nextMarker} is null on the last page. */
public record RolePage(List<RamRole> roles, String nextMarker) {
    public RolePage {
        roles = List.copyOf(roles);
    }

    public boolean truncated() {
        return nextMarker != null;
    }
}
