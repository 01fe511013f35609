package io.ramgrants.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Serve the Alibaba Cloud RAM and STS emulator on 127.0.0.1.")
public final class EmulatorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("emulator: not implemented yet");
        return 1;
    }
}
