package io.ramgrants.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ramgrants.engine.batch.ObservationMode;
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.observability.ObservabilityServer;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.runtime.Durations;
import io.ramgrants.runtime.LogFormat;
import io.ramgrants.runtime.OperatorAssembly;
import io.ramgrants.runtime.OperatorSettings;
import io.ramgrants.runtime.RunOptions;
import io.ramgrants.runtime.ShutdownLogManager;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the operator against a cluster. Every flag has an environment-variable default
 * ({@code RAMGRANTS_*}); the Helm chart passes flags.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the operator against a Kubernetes cluster (kubeconfig or in-cluster).")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--kubeconfig", defaultValue = "${env:RAMGRANTS_KUBECONFIG}",
            description = "Kubeconfig file; default: in-cluster service account, KUBECONFIG or ~/.kube/config.")
    File kubeconfig;

    @Option(names = "--leader-election", negatable = true, defaultValue = "${env:RAMGRANTS_LEADER_ELECTION:-true}",
            fallbackValue = "true", description = "Hold a Lease so only one replica reconciles (default: on).")
    boolean leaderElection;

    @Option(names = "--leader-election-name", defaultValue = "${env:RAMGRANTS_LEADER_ELECTION_NAME:-"
            + RunOptions.DEFAULT_LEASE_NAME + "}", description = "Name of the Lease (default: ${DEFAULT-VALUE}).")
    String leaseName;

    @Option(names = "--leader-election-namespace", defaultValue = "${env:RAMGRANTS_LEADER_ELECTION_NAMESPACE}",
            description = "Namespace of the Lease; default: POD_NAMESPACE, else the client's namespace.")
    String leaseNamespace;

    @Option(names = "--watch-namespaces", split = ",", defaultValue = "${env:RAMGRANTS_WATCH_NAMESPACES}",
            description = "Comma-separated namespaces whose grants to reconcile; default: all.")
    List<String> watchNamespaces;

    @Option(names = "--label-selector", defaultValue = "${env:RAMGRANTS_LABEL_SELECTOR}",
            description = "Only grants matching this selector (shard grants across releases).")
    String labelSelector;

    @Option(names = "--resync-period", defaultValue = "${env:RAMGRANTS_RESYNC_PERIOD:-10m}",
            converter = DurationConverter.class,
            description = "How often each grant re-reads RAM to catch out-of-band edits, jittered (default: 10m).")
    Duration resyncPeriod;

    @Option(names = "--ram-rate", defaultValue = "${env:RAMGRANTS_RAM_RATE:-quotas}",
            converter = RamRateConverter.class,
            description = "RAM call budget per account: `quotas` (default) for RAM's documented per-API quotas "
                    + "(100/s reads, 20/s creates and deletes, 10/s attach and detach), or a number of calls per "
                    + "second shared by every action.")
    Double ramRate;

    @Option(names = "--observation", defaultValue = "${env:RAMGRANTS_OBSERVATION:-auto}",
            converter = ObservationModeConverter.class,
            description = "How RAM is re-read: per-role (2-3 calls per role and resync), batch (account listings),"
                    + " or auto: batch for accounts holding " + ObservationSettings.DEFAULT_AUTO_THRESHOLD
                    + "+ of our roles (default: auto).")
    ObservationMode observation;

    @Option(names = "--full-sweep-period", defaultValue = "${env:RAMGRANTS_FULL_SWEEP_PERIOD:-6h}",
            converter = DurationConverter.class,
            description = "Batch observation: every role is still read one by one this often, the only way to see"
                    + " an extra policy attached out of band (default: 6h).")
    Duration fullSweepPeriod;

    @Option(names = "--drift-events", defaultValue = "${env:RAMGRANTS_DRIFT_EVENTS:-actiontrail}",
            converter = DriftEventSourceConverter.class,
            description = "actiontrail (default): read each account's RAM write events from ActionTrail LookupEvents"
                    + " and re-observe the roles they name within seconds, with who made the change; accounts whose"
                    + " credentials may not call actiontrail:LookupEvents fall back to polling (their DriftEvents"
                    + " condition is False and says what to grant). off: polling only (resync, full sweep).")
    DriftEventSettings.Source driftEvents;

    @Option(names = "--drift-event-interval", defaultValue = "${env:RAMGRANTS_DRIFT_EVENT_INTERVAL:-15s}",
            converter = DurationConverter.class,
            description = "At most one LookupEvents call per account this often (ActionTrail allows about 2/s"
                    + " per account; default: 15s).")
    Duration driftEventInterval;

    @Option(names = "--reconcile-threads", defaultValue = "${env:RAMGRANTS_RECONCILE_THREADS:-"
            + OperatorSettings.Concurrency.DEFAULT_THREADS + "}",
            description = "Concurrent reconciles over all accounts; one account may use a quarter of them"
                    + " (default: ${DEFAULT-VALUE}).")
    int reconcileThreads;

    @Option(names = "--metrics-port", defaultValue = "${env:RAMGRANTS_METRICS_PORT:-8080}",
            description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--log-format", defaultValue = "${env:RAMGRANTS_LOG_FORMAT:-text}",
            converter = LogFormatConverter.class, description = "text or json (default: text).")
    LogFormat logFormat;

    @Option(names = "--allow-endpoint-host", paramLabel = "PATTERN", split = ",",
            defaultValue = "${env:RAMGRANTS_ALLOW_ENDPOINT_HOSTS}", converter = HostPatternConverter.class,
            description = "Also send credentials and signed requests to hosts matching PATTERN ('*' = one DNS label,"
                    + " e.g. ram.example.com, *.proxy.example.com); repeatable. Default: only Alibaba Cloud's RAM, STS and"
                    + " ActionTrail hosts and loopback. An account naming another host is refused (EndpointNotAllowed).")
    List<String> allowEndpointHosts;

    @Option(names = "--allow-token-dir", paramLabel = "DIR", split = ",",
            defaultValue = "${env:RAMGRANTS_ALLOW_TOKEN_DIRS}",
            description = "Directories spec.credentials.oidc.tokenFile may point into, besides the directory of"
                    + " ALIBABA_CLOUD_OIDC_TOKEN_FILE (never the service account token directory unless named here);"
                    + " repeatable.")
    List<String> allowTokenDirs;

    @Option(names = "--secret-namespace", paramLabel = "NAMESPACE", split = ",",
            defaultValue = "${env:RAMGRANTS_SECRET_NAMESPACES}",
            description = "Namespaces whose Secrets spec.credentials.secretRef may name; repeatable. Default: the"
                    + " operator's own namespace (POD_NAMESPACE). '*': any namespace (needs cluster-wide Secret read).")
    List<String> secretNamespaces;

    /** The parsed flags. */
    public RunOptions options() {
        return new RunOptions(leaderElection, leaseName, leaseNamespace, watchNamespaces, labelSelector,
                resyncPeriod, ramRate, metricsPort, logFormat, observation, fullSweepPeriod, reconcileThreads,
                allowEndpointHosts, allowTokenDirs, secretNamespaces, driftEvents, driftEventInterval);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (kubeconfig != null && !kubeconfig.isFile()) {
            throw new ParameterException(spec.commandLine(), "--kubeconfig: no such file: " + kubeconfig);
        }
        RunOptions options = options();
        options.logFormat().install(Level.INFO);
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        PrometheusMeterRegistry registry = ObservabilityServer.newPrometheusRegistry();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            KubernetesClient client = new KubernetesClientBuilder().withConfig(config()).build();
            OperatorAssembly operator = new OperatorAssembly(client, options.settings(new OperatorMetrics(registry),
                    System.getenv("POD_NAMESPACE"), client.getNamespace()));
            ObservabilityServer server = new ObservabilityServer(options.metricsPort(), registry, () -> true,
                    operator::ready).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("shutting down");
                operator.close();
                server.close();
                client.close();
                log.info("stopped");
                stopped.countDown();
                ShutdownLogManager.resetAtExit();
            }, "shutdown"));
            log.info("metrics, health and readiness on port {}", server.port());
            operator.start();
        } catch (RuntimeException e) {
            // A setting, kubeconfig or port the operator cannot start with: one log line in the chosen format
            // (JSON stays JSON), the stack trace only with --verbose. Exiting runs the shutdown hook, if any.
            if (Main.verbose(spec)) {
                log.error("cannot start", e);
            } else {
                log.error("cannot start: {} (--verbose shows the stack trace)", Main.oneLine(e));
            }
            return 1;
        }
        stopped.await();
        return 0;
    }

    private Config config() {
        return kubeconfig == null ? new ConfigBuilder().build() : Config.fromKubeconfig(kubeconfig);
    }

    static final class DriftEventSourceConverter implements ITypeConverter<DriftEventSettings.Source> {
        @Override
        public DriftEventSettings.Source convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "actiontrail" -> DriftEventSettings.Source.ACTIONTRAIL;
                case "off" -> DriftEventSettings.Source.OFF;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected actiontrail or off, got " + value);
            };
        }
    }

    /** A host pattern {@link io.ramgrants.accounts.EndpointAllowList} accepts; else a usage error naming it. */
    static final class HostPatternConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                io.ramgrants.accounts.EndpointAllowList.withExtraHosts(List.of(value));
                return value;
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }

    static final class ObservationModeConverter implements ITypeConverter<ObservationMode> {
        @Override
        public ObservationMode convert(String value) {
            return ObservationMode.parse(value);
        }
    }

    static final class LogFormatConverter implements ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            return LogFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** {@code quotas} means RAM's per-API quotas (null); anything else is a uniform calls-per-second budget. */
    static final class RamRateConverter implements picocli.CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if ("quotas".equalsIgnoreCase(value.strip())) {
                return null;
            }
            try {
                return Double.valueOf(value.strip());
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "expected `quotas` or a number of calls per second, got '" + value + "'");
            }
        }
    }
}
