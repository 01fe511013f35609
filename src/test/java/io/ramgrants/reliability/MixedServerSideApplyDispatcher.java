package io.ramgrants.reliability;

import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.ramgrants.demo.ServerSideApplyCrudDispatcher;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mixed dispatcher (a recorded expectation first, else CRUD) over the CRUD dispatcher that
 * answers server-side apply, so operators on {@link MockCluster} write status as {@code run} does.
 * fabric8's own {@code KubernetesMixedDispatcher} builds its CRUD dispatcher itself.
 */
final class MixedServerSideApplyDispatcher extends Dispatcher {
    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expected;
    private final ServerSideApplyCrudDispatcher crud = new ServerSideApplyCrudDispatcher();

    MixedServerSideApplyDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
        this.expectations = expectations;
        this.expected = new MockDispatcher(expectations);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Queue<ServerResponse> queued = expectations.get(
                new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        return queued != null && !queued.isEmpty() ? expected.dispatch(request) : crud.dispatch(request);
    }
}
