package io.ramgrants.controller.grant;

import io.ramgrants.accounts.AccountNotReadyException;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.ram.RamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seed 000's prerequisite: every account that receives a DTS role should hold the DTS service
 * role {@code AliyunDTSDefaultRole}. One GetRole per account; an account found to hold it is
 * not asked again for {@code recheckAfter}, so steady-state resyncs stay within the RAM call
 * budget (docs/scale.md). A missing role is asked about on every pass until it appears.
 */
public final class DtsServiceRoleCheck implements Precondition {
    static final String SERVICE_ROLE = "AliyunDTSDefaultRole";

    private final Clock clock;
    private final Duration recheckAfter;
    private final Map<String, Instant> presentSince = new ConcurrentHashMap<>();

    DtsServiceRoleCheck(Clock clock, Duration recheckAfter) {
        this.clock = clock;
        this.recheckAfter = recheckAfter;
    }

    /** A check for one-shot use ({@code plan}, {@code apply}): asks RAM each time, remembers nothing useful. */
    public static DtsServiceRoleCheck once() {
        return new DtsServiceRoleCheck(Clock.systemUTC(), Duration.ZERO);
    }

    @Override
    public List<String> notes(DesiredState desired, GatewayResolver gateways) {
        return desired.roles().stream()
                .map(DesiredRole::accountId)
                .distinct()
                .filter(account -> missing(account, gateways))
                .map(account -> "Warning: account " + account + " has no DTS service role " + SERVICE_ROLE
                        + "; DTS tasks using instances there will fail until it is created (DTS console,"
                        + " or RAM role trusting dts.aliyuncs.com with AliyunDTSRolePolicy).")
                .toList();
    }

    private boolean missing(String accountId, GatewayResolver gateways) {
        Instant checked = presentSince.get(accountId);
        Instant now = clock.instant();
        if (checked != null && checked.plus(recheckAfter).isAfter(now)) {
            return false;
        }
        Optional<Boolean> present = lookUp(accountId, gateways);
        if (present.orElse(false)) {
            presentSince.put(accountId, now);
        }
        return present.map(p -> !p).orElse(false);
    }

    private static Optional<Boolean> lookUp(String accountId, GatewayResolver gateways) {
        try {
            return Optional.of(gateways.gatewayFor(accountId).getRole(SERVICE_ROLE).isPresent());
        } catch (RamException | AccountNotReadyException e) {
            return Optional.empty();
        }
    }
}
