package io.ramgrants.realkube;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * One real kube-apiserver (with etcd) per test JVM, shared by every class of the real-server tier
 * (tag {@code real-kube}). Started by {@code io.fabric8:kube-api-test} in offline mode from the binaries
 * {@code hack/control-plane/build.sh} builds into {@code ~/.kubeapitest/k8s/<version>-linux-amd64/}; the
 * version is the one {@code hack/control-plane/kube/go.mod} pins. The server runs with RBAC authorization;
 * {@link #admin()} is its cluster-admin client, {@link #as(String)} impersonates another user.
 *
 * <p>Binaries missing: the tests are skipped (reported as "real-server tier NOT RUN") unless the run
 * requires the tier (system property {@code ramgrants.realkube.required=true}, or env {@code CI} set, as
 * {@code .ci/run} does), where they fail.
 */
public final class RealApiServer {
    public static final String TAG = "real-kube";
    private static RealApiServer shared;

    private final KubeAPIServer server;
    private final String kubeconfigYaml;
    private final Path kubeconfig;
    private final Path binaries;
    private final KubernetesClient admin;

    private RealApiServer(String version, Path binaries) {
        this.binaries = binaries;
        this.server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withApiServerVersion(version)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
        long started = System.nanoTime();
        server.start();
        System.out.printf("real-server tier: kube-apiserver %s up in %d ms (%s)%n", version,
                (System.nanoTime() - started) / 1_000_000, binaries);
        this.kubeconfigYaml = server.getKubeConfigYaml();
        try {
            Path dir = Files.createDirectories(Path.of("target", "realkube"));
            this.kubeconfig = dir.resolve("kubeconfig").toAbsolutePath();
            Files.writeString(kubeconfig, kubeconfigYaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.admin = client(UnaryOperator.identity());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "kube-apiserver-stop"));
    }

    /** The shared server, started on first use; skips or fails the caller when the binaries are missing. */
    public static synchronized RealApiServer get() {
        if (shared == null) {
            String version = pinnedVersion();
            Path dir = Path.of(System.getProperty("user.home"), ".kubeapitest", "k8s", version + "-linux-amd64");
            List<String> missing = List.of("kube-apiserver", "etcd", "kubectl").stream()
                    .filter(name -> !Files.isExecutable(dir.resolve(name))).toList();
            if (!missing.isEmpty()) {
                String message = "real-server tier NOT RUN: " + missing + " missing in " + dir
                        + " (build them with hack/control-plane/build.sh)";
                System.out.println(message);
                if (required()) {
                    fail(message + "; this run requires the real-server tier");
                }
                Assumptions.abort(message);
            }
            shared = new RealApiServer(version, dir);
        }
        return shared;
    }

    public static boolean required() {
        if (Boolean.getBoolean("ramgrants.realkube.required")) {
            return true;
        }
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci);
    }

    /** The kube version hack/control-plane builds, e.g. 1.37.2. */
    static String pinnedVersion() {
        try {
            String gomod = Files.readString(Path.of("hack/control-plane/kube/go.mod"));
            Matcher m = Pattern.compile("(?m)^require k8s\\.io/kubernetes v(\\S+)$").matcher(gomod);
            if (!m.find()) {
                throw new IllegalStateException("no k8s.io/kubernetes in hack/control-plane/kube/go.mod");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KubernetesClient admin() {
        return admin;
    }

    /** A new client as cluster admin, adjusted by {@code tuning} (close it). */
    public KubernetesClient client(UnaryOperator<Config> tuning) {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        return new KubernetesClientBuilder().withConfig(tuning.apply(config)).build();
    }

    /** A new client whose every request is made as {@code user} (e.g. a ServiceAccount) through impersonation. */
    public KubernetesClient as(String user, String... groups) {
        return client(config -> {
            config.setImpersonateUsername(user);
            config.setImpersonateGroups(groups);
            return config;
        });
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Path kubectl() {
        return binaries.resolve("kubectl");
    }

    private synchronized void stop() {
        admin.close();
        server.stop();
    }
}
