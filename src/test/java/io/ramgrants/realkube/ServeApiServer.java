package io.ramgrants.realkube;

/**
 * A real API server with the committed CRDs and the chart installed, for manual runs (e.g.
 * {@code bench --with-kube --kubeconfig target/realkube/kubeconfig}): prints the kubeconfig path and
 * serves until stopped. Run from the repository root with the test classpath.
 */
public final class ServeApiServer {
    private ServeApiServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("ramgrants.realkube.required", "true");
        RealApiServer server = Cluster.withCrds();
        System.out.println("kubeconfig: " + server.kubeconfig());
        System.out.flush();
        Thread.currentThread().join();
    }
}
