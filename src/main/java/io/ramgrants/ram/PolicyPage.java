package io.ramgrants.ram;

import java.util.List;

/**
 * One ListPolicies page; {@code nextMarker} is null on the last page. ListPolicies carries no
 * documents: each {@link RamPolicy} has a null {@code defaultVersionDocument}.
 */
public record PolicyPage(List<RamPolicy> policies, String nextMarker) {
    public PolicyPage {
        policies = List.copyOf(policies);
    }

    public boolean truncated() {
        return nextMarker != null;
    }
}
