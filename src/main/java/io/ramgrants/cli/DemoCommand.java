package io.ramgrants.cli;

import io.ramgrants.demo.Demo;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a Kubernetes API (in memory), the RAM/STS emulator and the operator in one process:"
                + " apply sample accounts and one grant of each kind, show them become Ready, edit RAM out of band"
                + " and show the operator correct it, then print a summary. Exit 0 when everything converged.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep-running", description = "Leave everything running after the summary and print how to"
            + " reach it (the emulator's throwaway AccessKeys included) until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--verbose", description = "Show the operator's logs at INFO (default: warnings only).")
    boolean verbose;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Give up (exit 1) when a step takes longer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--resync", defaultValue = "2", paramLabel = "SECONDS",
            description = "The operator's resync period, how soon it notices out-of-band edits (default: ${DEFAULT-VALUE}).")
    long resyncSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1 || resyncSeconds < 1) {
            System.err.println("demo: --timeout and --resync must be at least 1 second");
            return 2;
        }
        Demo.Options options = new Demo.Options(keepRunning, verbose, Duration.ofSeconds(timeoutSeconds),
                Duration.ofSeconds(resyncSeconds));
        return new Demo(System.out, System.err, options).run();
    }
}
