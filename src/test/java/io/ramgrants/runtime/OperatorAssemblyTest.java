package io.ramgrants.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.observability.OperatorMetrics;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class OperatorAssemblyTest {
    @Test
    void registersAllFourControllersAndIsReadyOnceStarted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new io.ramgrants.demo.ServerSideApplyCrudDispatcher(), true);
        server.init();
        try (KubernetesClient client = server.createClient();
             OperatorAssembly operator = new OperatorAssembly(client,
                     OperatorSettings.defaults(new OperatorMetrics(registry)))) {
            assertThat(operator.operator().getRegisteredControllersNumber()).isEqualTo(4);
            assertThat(operator.ready()).isFalse();

            operator.start();

            assertThat(operator.ready()).isTrue();
            assertThat(operator.leading()).isTrue();
            assertThat(registry.getMeters()).as("JOSDK's controller meters").anyMatch(m -> m.getId().getName()
                    .startsWith("operator.sdk."));
        } finally {
            server.destroy();
        }
    }
}
