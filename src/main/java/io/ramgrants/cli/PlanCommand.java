package io.ramgrants.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Render the desired RAM state of manifests; with credentials, diff it against RAM.")
public final class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("plan: not implemented yet");
        return 1;
    }
}
