package io.ramgrants.cli;

import io.ramgrants.manifest.ManifestReader;
import io.ramgrants.manifest.ManifestSet;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The options {@code plan} and {@code apply} share: which manifests to read, whether other kinds
 * are errors, and which hosts besides Alibaba Cloud's and loopback the credentials in them may be
 * sent to. One picocli mixin, so the two commands keep the same names, help text and checks.
 */
final class ManifestInput {
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "A YAML file (several documents allowed), a directory of *.yaml/*.yml, or - for standard"
                    + " input (kustomize build | ... -f -); repeatable.")
    List<Path> files;

    @Option(names = "--strict", description = "Documents of other kinds (a ConfigMap, a Deployment) are errors instead"
            + " of being skipped with a note.")
    boolean strict;

    @Option(names = "--allow-endpoint-host", paramLabel = "PATTERN", split = ",",
            converter = RunCommand.HostPatternConverter.class, description = "Also send credentials and signed requests to hosts matching PATTERN ('*' = one DNS label);"
                    + " repeatable. Default: only Alibaba Cloud's RAM, STS and ActionTrail hosts and loopback.")
    List<String> allowEndpointHosts = List.of();

    /** What {@code -f -} reads. */
    Supplier<InputStream> stdin = () -> System.in;

    ManifestSet read() {
        return new ManifestReader(strict, stdin).read(files);
    }
}
