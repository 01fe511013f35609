package io.ramgrants.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as {@code main} builds it: version, one-line errors, one duration syntax, whole help lines. */
class CliPolishTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String sub : Main.commandLine().getSubcommands().keySet()) {
            if (sub.equals("help")) {
                continue;
            }
            out.getBuffer().setLength(0);
            assertThat(run(sub, "-V")).as(sub).isZero();
            assertThat(out.toString().strip()).as(sub + " -V").isEqualTo(Main.VERSION);
            out.getBuffer().setLength(0);
            assertThat(run(sub, "--version")).as(sub).isZero();
            assertThat(out.toString().strip()).as(sub + " --version").isEqualTo(Main.VERSION);
        }
    }

    @Test
    void aMissingKubeconfigIsOneLineWithoutUsageOrStackTrace() {
        assertThat(run("run", "--kubeconfig=/nonexistent/kubeconfig")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "--kubeconfig: no such file: /nonexistent/kubeconfig",
                "Try 'ram-grant-operator run --help' for more information.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFailingCommandIsOneLineAndVerboseKeepsTheStackTrace() throws Exception {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        // Any exception escaping a command: the same handler main installs.
        int exit = cli.getExecutionExceptionHandler().handleExecutionException(
                new IllegalStateException("outer", new java.io.FileNotFoundException("/x (No such file)")),
                cli.getSubcommands().get("plan"), cli.parseArgs("plan", "-f", "x.yaml"));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                "ram-grant-operator plan: outer: /x (No such file) (--verbose shows the stack trace)");

        err.getBuffer().setLength(0);
        CommandLine verbose = Main.commandLine();
        verbose.setErr(new PrintWriter(err, true));
        verbose.getExecutionExceptionHandler().handleExecutionException(new IllegalStateException("outer"),
                verbose.getSubcommands().get("plan"), verbose.parseArgs("plan", "--verbose", "-f", "x.yaml"));
        assertThat(err.toString()).contains("java.lang.IllegalStateException: outer").contains("\tat ");
    }

    @Test
    void verboseIsAcceptedBeforeOrAfterTheSubcommand() {
        CommandLine cli = Main.commandLine();
        cli.parseArgs("--verbose", "plan", "-f", "x.yaml");
        assertThat(Main.verbose(cli.getSubcommands().get("plan").getCommandSpec())).isTrue();
        CommandLine after = Main.commandLine();
        after.parseArgs("plan", "-f", "x.yaml", "--verbose");
        assertThat(Main.verbose(after.getSubcommands().get("plan").getCommandSpec())).isTrue();
        CommandLine none = Main.commandLine();
        none.parseArgs("plan", "-f", "x.yaml");
        assertThat(Main.verbose(none.getSubcommands().get("plan").getCommandSpec())).isFalse();
    }

    @Test
    void benchTakesTheDurationSyntaxOfRun() {
        CommandLine cli = Main.commandLine();
        cli.parseArgs("bench", "--resync-interval=10m", "--sweep-interval=1h30m");
        BenchCommand bench = cli.getSubcommands().get("bench").getCommand();
        assertThat(bench.resyncInterval).isEqualTo(Duration.ofMinutes(10));
        assertThat(bench.sweepInterval).isEqualTo(Duration.ofMinutes(90));

        CommandLine iso = Main.commandLine();
        iso.parseArgs("bench", "--resync-interval=PT10M");
        assertThat(iso.getSubcommands().get("bench").<BenchCommand>getCommand().resyncInterval)
                .isEqualTo(Duration.ofMinutes(10));

        CommandLine defaults = Main.commandLine();
        defaults.parseArgs("bench");
        BenchCommand byDefault = defaults.getSubcommands().get("bench").getCommand();
        assertThat(byDefault.resyncInterval).isEqualTo(Duration.ofMinutes(10));
        assertThat(byDefault.sweepInterval).isEqualTo(Duration.ofHours(6));

        assertThat(run("bench", "--resync-interval=ten")).isEqualTo(2);
        assertThat(err.toString()).contains("not a duration: 'ten'");
    }

    @Test
    void demoTakesDurationsAndStillPlainSeconds() {
        CommandLine cli = Main.commandLine();
        cli.parseArgs("demo", "--timeout=2m", "--resync", "3");
        DemoCommand demo = cli.getSubcommands().get("demo").getCommand();
        assertThat(demo.timeout).isEqualTo(Duration.ofMinutes(2));
        assertThat(demo.resync).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theTopLevelHelpShowsEachCommandsSummaryAsAWholeSentence() {
        assertThat(run("--help")).isZero();
        String help = out.toString();
        for (Map.Entry<String, CommandLine> sub : Main.commandLine().getSubcommands().entrySet()) {
            String[] description = sub.getValue().getCommandSpec().usageMessage().description();
            assertThat(description).as(sub.getKey()).isNotEmpty();
            assertThat(description[0].strip()).as(sub.getKey() + "'s first description line, the one the command"
                    + " list shows").endsWith(".");
        }
        assertThat(help).contains("bench     Measure RAM calls, convergence time and memory of the real engine.");
    }
}
