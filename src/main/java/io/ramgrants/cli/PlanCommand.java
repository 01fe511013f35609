package io.ramgrants.cli;

import io.ramgrants.manifest.EvaluatedResource;
import io.ramgrants.manifest.ManifestEvaluator;
import io.ramgrants.manifest.ManifestReader;
import io.ramgrants.manifest.ManifestSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Render the desired RAM state of manifests; with credentials, diff it against RAM.",
                "Offline (no cluster, no credentials): lists every action that would create that state."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every resource is valid (and, with --detailed-exitcode, RAM matches)",
                "1:invalid input: each error names file, resource and field",
                "2:drift found (with --detailed-exitcode and credentials)"})
public final class PlanCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int INVALID = 1;

    enum Output { text, json }

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "A YAML file (several documents allowed) or a directory of *.yaml/*.yml; repeatable.")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--detailed-exitcode",
            description = "Exit 2 when RAM differs from the manifests (needs credentials; offline, only 0 or 1).")
    boolean detailedExitCode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ManifestSet manifests = new ManifestReader().read(files);
        List<PlannedResource> planned = new ManifestEvaluator().evaluate(manifests).stream()
                .map(r -> new PlannedResource(r, r.desired().map(CreateEverythingActions::of).orElse(List.of())))
                .toList();
        PlanRenderer renderer = new PlanRenderer();
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == Output.json ? renderer.json(planned, manifests.problems())
                : renderer.text(planned, manifests.problems()));
        out.flush();
        boolean allValid = manifests.problems().isEmpty()
                && planned.stream().map(PlannedResource::evaluated).allMatch(EvaluatedResource::valid);
        return allValid ? OK : INVALID;
    }
}
