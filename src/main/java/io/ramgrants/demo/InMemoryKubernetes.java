package io.ramgrants.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API in this process: fabric8's mock server in CRUD mode (it stores what it is
 * sent and serves watches; {@link ServerSideApplyCrudDispatcher} answers server-side apply), over plain HTTP on 127.0.0.1, with the ramgrants.io CRDs the
 * build generated (the jar carries them under {@code META-INF/fabric8/}).
 */
final class InMemoryKubernetes implements AutoCloseable {
    /** The CRD files the crd-generator plugin writes, one per kind. */
    static final List<String> CRD_RESOURCES = List.of(
            "alibabacloudaccounts.ramgrants.io-v1.yml",
            "crossaccountdtsgrants.ramgrants.io-v1.yml",
            "dmsregistrationroles.ramgrants.io-v1.yml",
            "dmsaccessroles.ramgrants.io-v1.yml");

    /** The mock server logs every request at INFO through java.util.logging. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private InMemoryKubernetes(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    static InMemoryKubernetes start(boolean verbose) {
        MOCK_SERVER_LOG.setLevel(verbose ? Level.INFO : Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ServerSideApplyCrudDispatcher(), false);
        server.init();
        InMemoryKubernetes kubernetes = new InMemoryKubernetes(server, server.createClient());
        try {
            kubernetes.createCrds();
        } catch (RuntimeException e) {
            kubernetes.close();
            throw e;
        }
        return kubernetes;
    }

    KubernetesClient client() {
        return client;
    }

    /** Where a client outside this process (curl, kubectl --server) reaches the API. */
    String url() {
        return client.getMasterUrl().toString();
    }

    private void createCrds() {
        for (String name : CRD_RESOURCES) {
            try (InputStream yaml = InMemoryKubernetes.class.getResourceAsStream("/META-INF/fabric8/" + name)) {
                if (yaml == null) {
                    throw new IllegalStateException("CRD " + name + " is not on the classpath; build with mvn package");
                }
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                        .load(yaml).item();
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CRD " + name, e);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
