package io.ramgrants.cli;

import io.ramgrants.demo.Demo;
import java.time.Duration;
import java.util.concurrent.Callable;
import io.ramgrants.runtime.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show the operator converge and correct drift, all in one process.",
                "Runs a Kubernetes API (in memory), the RAM/STS emulator and the operator: applies sample accounts"
                        + " and one grant of each kind, shows them become Ready, edits RAM out of band and shows the"
                        + " operator correct it, then prints a summary. Exit 0 when everything converged."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep-running", description = "Leave everything running after the summary and print how to"
            + " reach it (the emulator's throwaway AccessKeys included) until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--verbose", description = "Show the operator's logs at INFO (default: warnings only).")
    boolean verbose;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", converter = SecondsOrDuration.class,
            description = "Give up (exit 1) when a step takes longer; e.g. 30s, 2m, or plain seconds (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--resync", defaultValue = "2s", paramLabel = "DURATION", converter = SecondsOrDuration.class,
            description = "The operator's resync period, how soon it notices out-of-band edits; e.g. 2s, or plain"
                    + " seconds (default: ${DEFAULT-VALUE}).")
    Duration resync;

    @Override
    public Integer call() {
        if (timeout.toSeconds() < 1 || resync.toSeconds() < 1) {
            System.err.println("demo: --timeout and --resync must be at least 1 second");
            return 2;
        }
        if (!MockKubernetes.available()) {
            System.err.println(MockKubernetes.missing("demo"));
            return 2;
        }
        Demo.Options options = new Demo.Options(keepRunning, verbose, timeout, resync);
        return new Demo(System.out, System.err, options).run();
    }

    /** The duration syntax of {@code run} ({@code 30s}, {@code 2m}); a bare number is seconds, as it always was here. */
    static final class SecondsOrDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip();
            return text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Durations.parse(text);
        }
    }
}
