package io.ramgrants.cli;

import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.engine.Planner;
import io.ramgrants.manifest.EvaluatedResource;
import io.ramgrants.manifest.ManifestEvaluator;
import io.ramgrants.manifest.ManifestSet;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Render the desired RAM state of manifests; with credentials, diff it against RAM.",
                "Offline (no cluster, no credentials): lists every action that would create that state.",
                "When every account the grants need has credentials (a Secret in the input, or the "
                        + "environment for default-chain accounts), RAM is read and the actions are the diff; "
                        + "nothing is ever written."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every resource is valid (and, with --detailed-exitcode, every needed account was diffed"
                        + " and RAM matches)",
                "1:invalid input: each error names file, resource and field; or an account's credentials in the"
                        + " input do not work",
                "2:with --detailed-exitcode: RAM differs (something to create, change or remove, or a conflict)",
                "4:with --detailed-exitcode: some needed account could not be diffed (no AlibabaCloudAccount or"
                        + " credentials for it in the input, --offline, or RAM unreachable)"})
public final class PlanCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int DRIFT = 2;
    static final int NOT_DIFFED = 4;

    enum Output { text, json }

    @Mixin
    ManifestInput input = new ManifestInput();

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--detailed-exitcode",
            description = "Exit 2 when RAM differs from the manifests, 4 when some needed account could not be"
                    + " diffed, 0 only when every needed account was diffed and matches.")
    boolean detailedExitCode;

    @Option(names = "--offline", description = "Never contact RAM, even when credentials are available.")
    boolean offline;

    @Spec
    CommandSpec spec;

    CredentialEnvironment environment = CredentialEnvironment.ofProcess();

    @Override
    public Integer call() {
        ManifestSet manifests = input.read();
        List<EvaluatedResource> evaluated = new ManifestEvaluator().evaluate(manifests);
        PrintWriter notes = spec.commandLine().getErr();
        manifests.skipped().forEach(skipped -> notes.println("plan: " + skipped));
        notes.flush();
        boolean allValid = manifests.problems().isEmpty() && evaluated.stream().allMatch(EvaluatedResource::valid);
        OnlinePlan.Outcome online = allValid && !offline && !OnlinePlan.neededAccounts(evaluated).isEmpty()
                ? new OnlinePlan(manifests, environment, input.allowEndpointHosts).run(evaluated, true)
                : null;
        if (online != null && !online.online()) {
            PrintWriter err = spec.commandLine().getErr();
            online.unreachable().forEach(reason -> err.println("plan: not diffed against RAM: " + reason));
            err.println("plan: the actions below are the plan against empty accounts, not a diff");
            err.flush();
        }
        List<PlannedResource> planned = online != null && online.online() ? diffed(evaluated, online.runs())
                : offline(evaluated);
        PlanRenderer renderer = new PlanRenderer();
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == Output.json ? renderer.json(planned, manifests.problems())
                : renderer.text(planned, manifests.problems()));
        out.flush();
        return exitCode(allValid, online, !OnlinePlan.neededAccounts(evaluated).isEmpty());
    }

    private int exitCode(boolean allValid, OnlinePlan.Outcome online, boolean accountsNeeded) {
        if (!allValid) {
            return INVALID;
        }
        if (online == null) {
            return detailedExitCode && accountsNeeded ? NOT_DIFFED : OK;
        }
        if (online.reach() == OnlinePlan.Reach.NO_CREDENTIALS) {
            return detailedExitCode ? NOT_DIFFED : OK;
        }
        if (!online.online()) {
            return !detailedExitCode ? OK : online.inputProblem() ? INVALID : NOT_DIFFED;
        }
        if (online.runs().stream().anyMatch(r -> r.result().failure().isPresent())) {
            return INVALID;
        }
        return detailedExitCode && online.runs().stream().anyMatch(GrantRun::drifted) ? DRIFT : OK;
    }

    /** Without RAM nothing can be observed, so each grant's plan is the engine's plan against empty accounts. */
    private static List<PlannedResource> offline(List<EvaluatedResource> evaluated) {
        Planner planner = new Planner();
        return evaluated.stream()
                .map(r -> PlannedResource.of(r, r.desired()
                        .map(state -> planner.planFromNothing(state.roles()).actions()).orElse(List.of()),
                        List.of(), false, r.desired().map(state -> state.roles().stream()
                                .map(role -> new PlannedResource.RoleView(role.accountId(), role.roleName(),
                                        PlannedResource.NOT_DIFFED)).toList()).orElse(List.of())))
                .toList();
    }

    /** Grants carry the engine's diff; accounts (which want nothing) stay as they are. */
    private static List<PlannedResource> diffed(List<EvaluatedResource> evaluated, List<GrantRun> runs) {
        Map<EvaluatedResource, GrantRun> byResource = runs.stream()
                .collect(Collectors.toMap(GrantRun::resource, Function.identity()));
        return evaluated.stream().map(r -> {
            GrantRun run = byResource.get(r);
            if (run == null) {
                return PlannedResource.of(r, List.of(), List.of(), true, List.of());
            }
            List<String> states = run.roleStates();
            List<PlannedResource.RoleView> views = new java.util.ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                var role = run.result().roles().get(i);
                views.add(new PlannedResource.RoleView(role.accountId(), role.roleName(), states.get(i)));
            }
            return PlannedResource.of(r, run.result().plan().actions(), run.findings(), true, views);
        }).toList();
    }
}
