package io.ramgrants.ram;

import java.util.List;

/** ListEntitiesForPolicy: who a policy is attached to. */
public record PolicyEntities(List<String> roleNames, List<String> userNames, List<String> groupNames) {
    public PolicyEntities {
        roleNames = List.copyOf(roleNames);
        userNames = List.copyOf(userNames);
        groupNames = List.copyOf(groupNames);
    }

    public boolean isUnused() {
        return roleNames.isEmpty() && userNames.isEmpty() && groupNames.isEmpty();
    }
}
