package io.ramgrants.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.ramgrants.observability.OperatorMetrics;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class OperatorAssemblyTest {
    @Test
    void registersAllFourControllersAndIsReadyOnceStarted() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init();
        try (KubernetesClient client = server.createClient();
             OperatorAssembly operator = new OperatorAssembly(client,
                     OperatorSettings.defaults(OperatorMetrics.discarding()).withServerSideApply(false))) {
            assertThat(operator.operator().getRegisteredControllersNumber()).isEqualTo(4);
            assertThat(operator.ready()).isFalse();

            operator.start();

            assertThat(operator.ready()).isTrue();
            assertThat(operator.leading()).isTrue();
        } finally {
            server.destroy();
        }
    }
}
