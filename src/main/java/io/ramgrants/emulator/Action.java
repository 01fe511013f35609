package io.ramgrants.emulator;

import java.util.Map;

/** One RPC action: answers the response body (without RequestId) or throws {@link RamError}. */
@FunctionalInterface
interface Action {
    Map<String, Object> run(ActionContext ctx);
}
