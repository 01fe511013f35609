package io.ramgrants.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Run one pass of the engine against RAM without a cluster.")
public final class ApplyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("apply: not implemented yet");
        return 1;
    }
}
