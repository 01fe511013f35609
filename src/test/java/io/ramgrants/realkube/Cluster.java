package io.ramgrants.realkube;

/**
 * What every real-server test needs installed once per JVM: the committed CRDs by server-side apply
 * (so each test class may run alone), and the Helm chart as release {@value #RELEASE} in namespace
 * {@value #NAMESPACE}, whose ServiceAccount and RBAC the operator runs under.
 */
public final class Cluster {
    public static final String RELEASE = "ramgrants";
    public static final String NAMESPACE = "ramgrants-system";
    /** The chart's ServiceAccount ({@code fullnameOverride}), as the API server names it. */
    public static final String OPERATOR_USER = "system:serviceaccount:" + NAMESPACE + ":" + RELEASE;
    /** Namespace of the AccessKey Secrets (chart value rbac.secretNamespaces). */
    public static final String SECRETS_NAMESPACE = "ram-grants";
    private static boolean crds;
    private static boolean chart;

    private Cluster() {
    }

    /** The committed CRDs, applied server-side and Established. */
    public static synchronized RealApiServer withCrds() {
        RealApiServer server = RealApiServer.get();
        if (!crds) {
            Cli.kubectl("apply", "--server-side", "--field-manager=realkube-test", "-f", "crds/");
            Cli.kubectl("wait", "--for=condition=Established", "--timeout=60s", "-f", "crds/");
            crds = true;
        }
        return server;
    }

    /** CRDs plus the chart installed with its defaults, Secrets readable only in {@value #SECRETS_NAMESPACE}. */
    public static synchronized RealApiServer withChart() {
        RealApiServer server = withCrds();
        if (!chart) {
            // Idempotent: an earlier class may have got this far before an abort (e.g. helm missing).
            if (server.admin().namespaces().withName(SECRETS_NAMESPACE).get() == null) {
                Cli.kubectl("create", "namespace", SECRETS_NAMESPACE);
            }
            Cli.helm("install", RELEASE, "helm/ram-grant-operator", "--namespace", NAMESPACE, "--create-namespace",
                    "--set", "fullnameOverride=" + RELEASE,
                    "--set", "rbac.secretNamespaces={" + SECRETS_NAMESPACE + "}",
                    // Helm 4 applies the chart's CRDs server-side even when present; they are the same as
                    // crds/ (ChartCrdsMatchGeneratedTest), but another field manager (ours) owns them.
                    "--force-conflicts");
            chart = true;
        }
        return server;
    }
}
