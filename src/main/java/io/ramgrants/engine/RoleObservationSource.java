package io.ramgrants.engine;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.ram.RamGateway;

/**
 * Where the engine's observation of one desired role comes from. {@link RoleObserver} reads RAM
 * per role; {@code io.ramgrants.engine.batch} serves the same values from bulk listings when an
 * account holds many roles. Either way the planner sees the same {@link ObservedRole}.
 */
@FunctionalInterface
public interface RoleObservationSource {
    ObservedRole observe(DesiredRole desired, RamGateway ram);
}
