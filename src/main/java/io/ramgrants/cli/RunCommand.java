package io.ramgrants.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the operator against a Kubernetes cluster.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("run: not implemented yet");
        return 1;
    }
}
