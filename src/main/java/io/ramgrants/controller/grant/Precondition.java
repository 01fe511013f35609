package io.ramgrants.controller.grant;

import io.ramgrants.desired.DesiredState;
import io.ramgrants.engine.GatewayResolver;
import java.util.List;

/**
 * A read-only check of something a grant relies on but does not manage, reported as notes
 * (e.g. the DTS service role). It never fails a pass: a check that cannot run says nothing.
 */
@FunctionalInterface
interface Precondition {
    Precondition NONE = (desired, gateways) -> List.of();

    List<String> notes(DesiredState desired, GatewayResolver gateways);
}
