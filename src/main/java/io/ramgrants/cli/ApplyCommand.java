package io.ramgrants.cli;

import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.engine.EngineResult;
import io.ramgrants.manifest.EvaluatedResource;
import io.ramgrants.manifest.ManifestEvaluator;
import io.ramgrants.manifest.ManifestSet;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Converge RAM to the manifests without a cluster: passes of the engine until RAM matches,"
                + " a terminal failure, or --timeout.",
                "Uses the AlibabaCloudAccounts in the input (their Secrets from the same input, or the "
                        + "environment for default-chain accounts) and prints each RAM action.",
                "Throttling, 5xx and timeouts are met by observing again and planning from what RAM now holds"
                        + " (a write whose answer was lost is found done, never repeated blindly)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:RAM now matches the manifests, except what grants in Observe mode or paused keep"
                        + " unchanged (they are reported)",
                "1:invalid input (manifests, accounts, Secrets; an account with no AlibabaCloudAccount or"
                        + " credentials in the input): nothing was written",
                "3:a RAM action failed terminally or kept failing until --timeout, a conflict (a role not managed"
                        + " by this grant) blocked convergence, RAM could not be reached, or (with --fail-on-skipped)"
                        + " a grant in Observe mode or paused left changes unwritten"})
public final class ApplyCommand implements Callable<Integer> {
    static final int CONVERGED = 0;
    static final int INVALID = 1;
    static final int NOT_CONVERGED = 3;

    @Mixin
    ManifestInput input = new ManifestInput();

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            converter = RunCommand.DurationConverter.class,
            description = "Give up converging after this long, e.g. 90s, 5m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--fail-on-skipped", description = "Exit 3 when a grant in Observe mode or paused leaves"
            + " changes unwritten (by default they are reported and do not fail the run).")
    boolean failOnSkipped;

    @Spec
    CommandSpec spec;

    ConvergingApply.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    /** Per-call retries; tests shorten the backoff. */
    io.ramgrants.ram.RamClientSettings settings = OnlinePlan.CLI_SETTINGS;

    CredentialEnvironment environment = CredentialEnvironment.ofProcess();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            return apply(out);
        } finally {
            out.flush();
        }
    }

    private int apply(PrintWriter out) {
        ManifestSet manifests = input.read();
        List<EvaluatedResource> evaluated = new ManifestEvaluator().evaluate(manifests);
        manifests.skipped().forEach(s -> out.println("note: " + s));
        manifests.problems().forEach(p -> out.println("error: " + p));
        evaluated.forEach(r -> r.errors().forEach(e -> out.println("error: " + e)));
        if (!manifests.problems().isEmpty() || !evaluated.stream().allMatch(EvaluatedResource::valid)) {
            out.println("apply: invalid input, nothing was written");
            return INVALID;
        }
        if (OnlinePlan.neededAccounts(evaluated).isEmpty()) {
            out.println("apply: no grant in the input wants a RAM role; nothing to do");
            return CONVERGED;
        }
        ConvergingApply[] converging = new ConvergingApply[1];
        OnlinePlan.Outcome outcome = new OnlinePlan(manifests, environment, input.allowEndpointHosts, settings)
                .run(evaluated, (engine, grants, gateways) -> {
                    converging[0] = new ConvergingApply(engine, gateways, timeout, System::nanoTime, sleeper);
                    return converging[0].runAll(grants);
                });
        if (!outcome.online()) {
            outcome.unreachable().forEach(reason -> out.println("error: " + reason));
            out.println(switch (outcome.reach()) {
                case NO_CREDENTIALS -> "apply: some account the grants need has no AlibabaCloudAccount or no"
                        + " credentials in the input, nothing was written";
                case NOT_READY -> outcome.inputProblem()
                        ? "apply: some account's credentials in the input do not work, nothing was written"
                        : "apply: cannot reach RAM, nothing was written";
                case ONLINE -> throw new IllegalStateException("online");
            });
            return outcome.inputProblem() ? INVALID : NOT_CONVERGED;
        }
        Map<EvaluatedResource, List<EngineResult>> passes = converging[0].passes();
        outcome.runs().forEach(run -> report(out, run, passes.get(run.resource())));
        long applied = passes.values().stream().flatMap(List::stream).mapToLong(r -> r.applied().size()).sum();
        int maxPasses = passes.values().stream().mapToInt(List::size).max().orElse(0);
        List<GrantRun> skipped = outcome.runs().stream().filter(GrantRun::skipped).toList();
        boolean converged = outcome.runs().stream().filter(r -> !r.skipped()).allMatch(r -> r.result().converged());
        skipped.forEach(r -> out.println("apply: skipped " + r.resource().displayName() + ": "
                + (GrantRun.optionsOf(r.resource()).paused() ? "paused" : "Observe mode") + ", "
                + r.result().plan().actions().size() + " planned RAM write(s) not performed"));
        out.println("apply: " + applied + " action(s) applied in " + maxPasses + " pass(es); "
                + (!converged ? "RAM does not match the manifests yet"
                : skipped.isEmpty() ? "RAM matches the manifests"
                : "RAM matches the manifests except " + skipped.size() + " skipped resource(s)"));
        return !converged || (failOnSkipped && !skipped.isEmpty()) ? NOT_CONVERGED : CONVERGED;
    }

    private static void report(PrintWriter out, GrantRun run, List<EngineResult> passes) {
        out.println(run.resource().displayName() + " (" + run.resource().source().location() + "):");
        for (int i = 0; i < passes.size(); i++) {
            EngineResult pass = passes.get(i);
            boolean last = i == passes.size() - 1;
            pass.applied().forEach(action -> {
                out.println("  applied: " + action.line());
                action.changes().forEach(c -> out.println("      " + c.line()));
            });
            if (last) {
                pass.plan().actions().stream().filter(a -> !pass.applied().contains(a)).forEach(action -> {
                    out.println("  not applied: " + action.line());
                    action.changes().forEach(c -> out.println("      " + c.line()));
                });
            } else {
                // An earlier pass stopped on something worth another look; the next pass planned again.
                pass.failure().ifPresent(f -> out.println("  retrying after: " + f.step() + ": " + f.code()));
            }
        }
        run.resource().desired().ifPresent(state -> state.notes().forEach(n -> out.println("  note: " + n)));
        run.findings().forEach(f -> out.println("  " + f));
    }
}
