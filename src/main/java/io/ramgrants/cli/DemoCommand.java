package io.ramgrants.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Kubernetes API, emulator and operator in one process and show a grant converge.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("demo: not implemented yet");
        return 1;
    }
}
