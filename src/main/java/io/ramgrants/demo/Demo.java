package io.ramgrants.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code demo} command: starts the emulator, an in-memory Kubernetes API and the operator
 * in this process, plays {@link DemoScenario} and prints a summary. Returns 0 when every grant
 * became Ready and every drift was corrected within the timeout, 1 otherwise.
 */
public final class Demo {
    /**
     * @param keepRunning leave everything up after the summary, until the process is stopped
     * @param verbose     the operator's and mock server's logs at INFO instead of warnings only
     * @param timeout     how long each step may take before the demo gives up
     * @param resync      the operator's resync period: how soon out-of-band edits are noticed
     */
    public record Options(boolean keepRunning, boolean verbose, Duration timeout, Duration resync) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(2);

        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(resync, "resync");
        }

        public static Options defaults() {
            return new Options(false, false, DEFAULT_TIMEOUT, DEFAULT_RESYNC);
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Options options;

    public Demo(PrintStream out, PrintStream err, Options options) {
        this.out = out;
        this.err = err;
        this.options = options;
    }

    public int run() {
        try (DemoLogging logging = new DemoLogging(err, options.verbose())) {
            return run(logging);
        }
    }

    private int run(DemoLogging logging) {
        Narrator narrator = new Narrator(out);
        narrator.text("ram-grant-operator demo: the operator, a Kubernetes API and Alibaba Cloud RAM (emulated),"
                + " all in this process");
        DemoCast cast = new DemoCast();
        DemoEnvironment env;
        try {
            env = DemoEnvironment.start(cast, options.resync(), options.verbose(), narrator);
        } catch (RuntimeException e) {
            err.println("demo failed to start: " + e.getMessage());
            return 1;
        }
        try {
            DemoScenario scenario = new DemoScenario(cast, env, narrator, new Waiter(options.timeout()));
            List<Correction> corrections = scenario.play();
            DemoSummary summary = new DemoSummary(corrections, cast.accounts(), env.emulator.callCounts(),
                    scenario.consoleUsers());
            printSummary(narrator, summary);
            if (options.keepRunning()) {
                keepRunning(narrator, cast, env);
            }
            return 0;
        } catch (DemoFailure e) {
            err.println();
            err.println("demo failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println();
            err.println("demo failed: " + e);
            return 1;
        } finally {
            logging.quietForShutdown();
            env.close();
        }
    }

    private void printSummary(Narrator narrator, DemoSummary summary) {
        narrator.title("Summary: " + summary.corrected() + " drifts injected, " + summary.corrected() + " corrected, in "
                + Narrator.seconds(narrator.elapsed()));
        narrator.block(summary.drifts());
        narrator.text("");
        narrator.text("RAM and STS calls the operator made, by action and account (emulator counters; the console"
                + " user's " + summary.consoleCalls() + " calls left out):");
        narrator.block(summary.ramCalls());
    }

    /** Prints how to reach everything, then blocks until the process is interrupted (Ctrl-C). */
    private void keepRunning(Narrator narrator, DemoCast cast, DemoEnvironment env) {
        int metricsPort = env.serveMetrics();
        narrator.title("Still running (--keep-running); Ctrl-C stops everything");
        narrator.text("Kubernetes API (in memory, no auth): " + env.kubernetes.url());
        narrator.text("    curl -s " + env.kubernetes.url() + "apis/ramgrants.io/v1alpha1/namespaces/"
                + DemoCast.GRANTS_NAMESPACE + "/crossaccountdtsgrants");
        narrator.text("Operator metrics: http://127.0.0.1:" + metricsPort + "/metrics  (also /healthz, /readyz)");
        narrator.text("RAM/STS emulator: " + env.emulator.endpoint());
        narrator.text("Accounts, their root AccessKeys (the console user's) and the AccessKeys of the RAM user "
                + DemoAccount.OPERATOR_USER + " the operator is given. These keys exist only in this process and die"
                + " with it; they are printed because you asked to keep the demo running and need them to sign calls:");
        TextTable keys = new TextTable("ACCOUNT", "ACCOUNT-ID", "IDENTITY", "ACCESS-KEY-ID", "ACCESS-KEY-SECRET");
        cast.accounts().forEach(a -> {
            keys.row(a.name(), a.accountId(), "root", a.accessKeyId(), a.accessKeySecret());
            keys.row(a.name(), a.accountId(), "user/" + DemoAccount.OPERATOR_USER, a.operatorKeyId(), a.operatorKeySecret());
        });
        narrator.block(keys.render("    "));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            env.close();
            stopped.countDown();
        }, "demo-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
