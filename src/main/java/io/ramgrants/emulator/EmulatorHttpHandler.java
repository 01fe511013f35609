package io.ramgrants.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One RPC call, start to end: parse, route, authenticate, flow control, injected faults,
 * authorisation, the action, a lost reply when one was drawn, and a JSON answer. Any failure becomes an Alibaba-shaped error
 * body with its real status, never an HTML page or a stack trace.
 */
final class EmulatorHttpHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(EmulatorHttpHandler.class.getName());

    private final ActionRouter router;
    private final RequestAuthenticator authenticator;
    private final RateLimits rateLimits;
    private final FaultInjector faults;
    private final Permissions permissions;
    private final CallCounters counters;
    private final Accounts accounts;
    private final Clock clock;
    private final ActionTrailLog trail;

    EmulatorHttpHandler(ActionRouter router, RequestAuthenticator authenticator, RateLimits rateLimits,
                        FaultInjector faults, Permissions permissions, CallCounters counters, Accounts accounts,
                        Clock clock, ActionTrailLog trail) {
        this.router = router;
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.faults = faults;
        this.permissions = permissions;
        this.counters = counters;
        this.accounts = accounts;
        this.clock = clock;
        this.trail = trail;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = HttpResponses.newRequestId();
        String action = null;
        try (exchange) {
            try {
                RpcRequest request = read(exchange);
                action = request.action();
                Map<String, Object> body = serve(request, requestId, SourceAddresses.of(exchange, request));
                HttpResponses.send(exchange, 200, requestId, body);
            } catch (RamError e) {
                HttpResponses.send(exchange, e.status(), requestId,
                        HttpResponses.error(e, requestId, router.productOf(action)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "emulator failed on " + action, e);
                RamError internal = new RamError(500, "InternalError",
                        "The request processing has failed due to some unknown error, exception or failure.");
                HttpResponses.send(exchange, 500, requestId, HttpResponses.error(internal, requestId, router.productOf(action)));
            }
        }
    }

    private Map<String, Object> serve(RpcRequest request, String requestId, String sourceIp) {
        ActionRouter.Route route = router.route(request);
        Caller caller = authenticator.authenticate(request);
        String account = caller.accountId();
        long latency = faults.settings().latencyMs();
        if (latency > 0) {
            simulateLatency(latency);
        }
        if (!rateLimits.tryAcquire(account, route.name())) {
            counters.increment(CallCounters.Kind.THROTTLED, account, route.name());
            throw RamError.throttled();
        }
        FaultInjector.Fault fault = faults.next(FaultInjector.isWrite(route));
        if (fault != FaultInjector.Fault.NONE && !fault.afterAction()) {
            counters.increment(fault == FaultInjector.Fault.THROTTLE
                    ? CallCounters.Kind.THROTTLED : CallCounters.Kind.SERVER_ERROR, account, route.name());
            throw FaultInjector.toError(fault);
        }
        counters.increment(CallCounters.Kind.SERVED, account, route.name());
        if (route.product() == ActionRouter.Product.RAM) {
            permissions.requireRam(caller, route.name(), request);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        Instant now = clock.instant();
        body.putAll(route.action().run(new ActionContext(caller, request, accounts, now)));
        if (FaultInjector.isWrite(route)) {
            // RAM accepted the write: ActionTrail records it, whether or not the reply reaches the caller.
            trail.record(caller, SourceAddresses.accessKeyId(request), request, route.name(), requestId, sourceIp, now);
        }
        if (fault.afterAction()) {
            // The write took effect; only its answer is lost. A write RAM refused keeps its real error.
            counters.increment(CallCounters.Kind.LOST_REPLY, account, route.name());
            throw FaultInjector.toError(fault);
        }
        return body;
    }

    private static RpcRequest read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!h.getValue().isEmpty()) {
                headers.put(h.getKey(), h.getValue().get(0));
            }
        }
        return RpcRequest.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    // Latency is the simulated service time of RAM, not a wait for something to happen.
    private static void simulateLatency(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
