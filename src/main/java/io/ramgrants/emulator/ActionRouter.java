package io.ramgrants.emulator;

import java.util.HashMap;
import java.util.Map;

/** Maps {@code Action} to its product (RAM, STS or ActionTrail) and handler, and checks {@code Version}. */
final class ActionRouter {
    enum Product {
        RAM("Ram", "2015-05-01", "ram.aliyuncs.com"),
        STS("Sts", "2015-04-01", "sts.aliyuncs.com"),
        ACTIONTRAIL("Actiontrail", "2020-07-06", "actiontrail.cn-hangzhou.aliyuncs.com");

        final String label;
        final String version;
        final String host;

        Product(String label, String version, String host) {
            this.label = label;
            this.version = version;
            this.host = host;
        }
    }

    record Route(String name, Product product, Action action) {
    }

    private final Map<String, Route> routes = new HashMap<>();

    void add(Product product, Map<String, Action> actions) {
        actions.forEach((name, action) -> routes.put(name, new Route(name, product, action)));
    }

    Route route(RpcRequest request) {
        String action = request.action();
        if (action == null || action.isEmpty()) {
            throw RamError.missingCommon("Action");
        }
        Route route = routes.get(action);
        if (route == null) {
            throw RamError.notFound("InvalidAction.NotFound",
                    "Specified api is not found, please check your url and method.");
        }
        String version = request.version();
        if (version == null || version.isEmpty()) {
            throw RamError.missingCommon("Version");
        }
        if (!version.equals(route.product().version)) {
            throw RamError.badRequest("InvalidVersion", "Specified parameter Version is not valid.");
        }
        return route;
    }

    /** The product an action belongs to, for error bodies; RAM when unknown. */
    Product productOf(String action) {
        Route r = action == null ? null : routes.get(action);
        return r == null ? Product.RAM : r.product();
    }
}
