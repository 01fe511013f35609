package io.ramgrants.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure RAM calls, convergence time and memory against the emulator.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bench: not implemented yet");
        return 1;
    }
}
