package io.ramgrants.cli;

import io.ramgrants.runtime.ShutdownLogManager;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

@Command(name = "ram-grant-operator", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Keeps Alibaba Cloud cross-account RAM grants (DTS, DMS) exactly as declared.",
        subcommands = {
                RunCommand.class,
                EmulatorCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    static final String VERSION = "ram-grant-operator 0.1.0";
    static final String VERBOSE = "--verbose";

    public static void main(String[] args) {
        // Before any logger exists: keeps log lines written while the operator shuts down.
        System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@code main} runs it: {@code -V} and {@code --verbose} on every subcommand; a user
     * mistake (bad flag, missing file, bad setting) is one line on stderr, the stack trace only with
     * {@code --verbose}.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        addVerbose(cli);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().version(VERSION);
            addVerbose(sub);
        }
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd, parsed));
        return cli;
    }

    private static void addVerbose(CommandLine cli) {
        if (cli.getCommandSpec().findOption(VERBOSE) != null) {
            return; // demo's own --verbose (operator logs at INFO) also keeps stack traces
        }
        cli.getCommandSpec().addOption(OptionSpec.builder(VERBOSE).type(boolean.class).arity("0")
                .description("On an error, print the full stack trace, not only its one-line message.")
                .build());
    }

    /** Picocli's usage errors: the message and a pointer to --help instead of the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(e.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (verbose(parsed)) {
            e.printStackTrace(err);
        } else {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e) + " (--verbose shows the stack trace)");
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Whether {@code --verbose} was given on this command line, before or after the subcommand. */
    static boolean verbose(CommandSpec spec) {
        CommandSpec root = spec;
        while (root.parent() != null) {
            root = root.parent();
        }
        return verbose(root.commandLine().getParseResult());
    }

    static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** The exception's message and those of its causes that add something, on one line. */
    static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (line.indexOf(message) < 0) {
                line.append(line.length() == 0 ? "" : ": ").append(message);
            }
        }
        return line.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}
