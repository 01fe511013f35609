package io.ramgrants.cli;

/**
 * Whether fabric8's mock Kubernetes API server is on the classpath: it is in
 * {@code target/ram-grant-operator.jar} (for {@code demo} and {@code bench --with-kube}), not in
 * the jar the container image runs, which carries no test servers.
 */
final class MockKubernetes {
    static final String CLASS = "io.fabric8.kubernetes.client.server.mock.KubernetesMockServer";

    private MockKubernetes() {}

    static boolean available() {
        try {
            Class.forName(CLASS, false, MockKubernetes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The line a command prints when it needs the mock server and this jar has none. */
    static String missing(String command) {
        return command + ": needs the in-memory Kubernetes API, which this jar (the container image's) leaves out;"
                + " run it from target/ram-grant-operator.jar (mvn -q -DskipTests package)";
    }
}
