package io.ramgrants.cli;

import io.ramgrants.runtime.ShutdownLogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "ram-grant-operator", mixinStandardHelpOptions = true, version = "ram-grant-operator 0.1.0",
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
    public static void main(String[] args) {
        // Before any logger exists: keeps log lines written while the operator shuts down.
        System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
