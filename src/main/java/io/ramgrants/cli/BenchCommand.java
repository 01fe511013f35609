package io.ramgrants.cli;

import io.ramgrants.bench.BenchOptions;
import io.ramgrants.bench.BenchReport;
import io.ramgrants.bench.Benchmark;
import io.ramgrants.runtime.OperatorSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure RAM calls, convergence time and memory of the real engine.",
                "Runs against the in-process RAM emulator with RAM's per-account, per-API quotas on (or one"
                        + " uniform --rate).",
                "Exit code 1 when some grant did not converge."})
public final class BenchCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--grants", defaultValue = "100", paramLabel = "N", description = "Grants to create (default: ${DEFAULT-VALUE}).")
    int grants;

    @Option(names = "--accounts", defaultValue = "2", paramLabel = "M", description = "Accounts they spread over (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "QPS",
            description = "One uniform per-account budget instead of RAM's per-API quotas; 0 = quotas (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--custom-ratio", defaultValue = "0.25", paramLabel = "F",
            description = "Share of grants that are DMS registration roles with a custom policy (default: ${DEFAULT-VALUE}).")
    double customRatio;

    @Option(names = "--workers-per-account", defaultValue = "4", paramLabel = "N",
            description = "Concurrent reconciles per account (default: ${DEFAULT-VALUE}).")
    int workersPerAccount;

    @Option(names = "--resync-interval", defaultValue = "10m", paramLabel = "DURATION",
            converter = RunCommand.DurationConverter.class,
            description = "Batch path: time between measured resyncs, e.g. 10m, 1h30m or PT10M (default: ${DEFAULT-VALUE}).")
    Duration resyncInterval;

    @Option(names = "--sweep-interval", defaultValue = "6h", paramLabel = "DURATION",
            converter = RunCommand.DurationConverter.class,
            description = "Batch path: full per-role sweep period, e.g. 6h or PT6H (default: ${DEFAULT-VALUE}).")
    Duration sweepInterval;

    @Option(names = "--with-kube", description = "Run the real controllers on the fabric8 mock Kubernetes API.")
    boolean withKube;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "With --with-kube: a real API server instead of the mock (CRDs applied; the bench writes to"
                    + " namespaces bench and ram-grants).")
    java.nio.file.Path kubeconfig;

    @Option(names = "--slow-account-latency-ms", defaultValue = "0", paramLabel = "MS",
            description = "With --with-kube: every RAM call of the first account waits MS first, to show the other"
                    + " accounts still converge in their normal time (default: ${DEFAULT-VALUE}).")
    long slowAccountLatencyMs;

    @Option(names = "--reconcile-threads", defaultValue = "" + OperatorSettings.Concurrency.DEFAULT_THREADS,
            paramLabel = "N", description = "With --with-kube: the operator's reconcile threads (default: ${DEFAULT-VALUE}).")
    int reconcileThreads;

    @Option(names = "--reconciles-per-account", defaultValue = "0", paramLabel = "N",
            description = "With --with-kube: passes one account may run at once; 0 = a quarter of the threads"
                    + " (default: ${DEFAULT-VALUE}).")
    int reconcilesPerAccount;

    @Option(names = "--warmup-grants", defaultValue = "" + BenchOptions.DEFAULT_WARMUP_GRANTS, paramLabel = "N",
            description = "Before the measured run, converge, resync and delete N grants (at most --grants) in"
                    + " other accounts, unmeasured, so the JVM is warm like a running operator's; 0 = measure a"
                    + " cold JVM (default: ${DEFAULT-VALUE}).")
    int warmupGrants;

    @Option(names = "--drift-latency", description = "Measure drift detection latency per drift kind instead:"
            + " --grants roles in one account, batch observation, out-of-band writes by another AccessKey.")
    boolean driftLatency;

    @Option(names = "--drift-events", defaultValue = "on", paramLabel = "on|off",
            description = "--drift-latency: read RAM write events from ActionTrail (default: ${DEFAULT-VALUE}).")
    String driftEvents;

    @Option(names = "--event-delay", defaultValue = "10s", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "--drift-latency: ActionTrail delivery delay in the emulator (default: ${DEFAULT-VALUE}).")
    Duration eventDelay;

    @Option(names = "--drift-event-interval", defaultValue = "15s", paramLabel = "DURATION",
            converter = RunCommand.DurationConverter.class,
            description = "--drift-latency: LookupEvents poll interval per account (default: ${DEFAULT-VALUE}).")
    Duration driftEventInterval;

    @Option(names = "--drift-samples", defaultValue = "5", paramLabel = "N",
            description = "--drift-latency: drifts per kind (default: ${DEFAULT-VALUE}).")
    int driftSamples;

    @Option(names = "--drift-timeout", defaultValue = "120s", paramLabel = "DURATION",
            converter = RunCommand.DurationConverter.class,
            description = "--drift-latency: give up on a drift after this long (default: ${DEFAULT-VALUE}).")
    Duration driftTimeout;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format output;

    @Override
    public Integer call() {
        if (driftLatency) {
            return driftLatency();
        }
        BenchOptions options;
        try {
            OperatorSettings.Concurrency concurrency = reconcilesPerAccount > 0
                    ? new OperatorSettings.Concurrency(reconcileThreads, reconcilesPerAccount)
                    : OperatorSettings.Concurrency.of(reconcileThreads);
            options = new BenchOptions(grants, accounts, rate, customRatio, workersPerAccount, resyncInterval,
                    sweepInterval, withKube, Duration.ofMillis(slowAccountLatencyMs), concurrency, warmupGrants);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (withKube && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // JOSDK's INFO lines would drown the report
        }
        if (kubeconfig != null && !withKube) {
            throw new ParameterException(spec.commandLine(), "--kubeconfig needs --with-kube");
        }
        if (withKube && kubeconfig == null && !MockKubernetes.available()) {
            spec.commandLine().getErr().println(MockKubernetes.missing("bench --with-kube"));
            return 2;
        }
        BenchReport report = new Benchmark(options, kubeconfig).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(output == Format.json ? report.toJson() : report.toText());
        out.flush();
        if (report.unconvergedUnits() > 0) {
            spec.commandLine().getErr().println("bench: " + report.unconvergedUnits() + " reconcile unit(s) did not converge");
            return 1;
        }
        return 0;
    }

    private int driftLatency() {
        io.ramgrants.bench.DriftLatencyBench.Options options;
        try {
            if (!driftEvents.equals("on") && !driftEvents.equals("off")) {
                throw new IllegalArgumentException("--drift-events must be on or off");
            }
            options = new io.ramgrants.bench.DriftLatencyBench.Options(grants, driftEvents.equals("on"), eventDelay,
                    driftEventInterval, driftSamples, driftTimeout, resyncInterval);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int missed = new io.ramgrants.bench.DriftLatencyBench(options).run(spec.commandLine().getOut());
        return missed == 0 ? 0 : 1;
    }
}
