package io.ramgrants.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kustomize build | plan -f -}: a stream with other kinds in it. */
class PlanStdinTest {
    private static final Path EXAMPLES = Path.of("examples");

    record Run(int exit, String out, String err) {}

    private static Run run(Object command, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        if (command instanceof PlanCommand plan) {
            plan.input.stdin = () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        } else if (command instanceof ApplyCommand apply) {
            apply.input.stdin = () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String stream() throws IOException {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: analytics}
                data: {a: b}
                ---
                """ + Files.readString(EXAMPLES.resolve("accounts/default-chain.yaml")) + "\n---\n"
                + Files.readString(EXAMPLES.resolve("dms/access.yaml"));
    }

    @Test
    void planReadsStandardInputAndSkipsOtherKindsWithANote() throws IOException {
        Run run = run(new PlanCommand(), stream(), "-f", "-", "--offline", "-o", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err().lines()).containsExactly(
                "plan: <stdin>: skipped ConfigMap analytics/settings (v1): not a kind plan or apply reads");
        assertThat(run.out()).contains("\"file\" : \"<stdin>#").contains("DmsAccessRole");
    }

    @Test
    void strictMakesOtherKindsInvalidInput() throws IOException {
        Run run = run(new PlanCommand(), stream(), "-f", "-", "--offline", "--strict");

        assertThat(run.exit()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.out()).contains("<stdin>: unknown kind 'ConfigMap'");
    }

    @Test
    void applyTakesTheSameStreamAndSaysWhatItSkipped() throws IOException {
        Run run = run(new ApplyCommand(), stream()
                + "\n---\napiVersion: ramgrants.io/v1alpha1\nkind: DmsAccessRole\nmetadata: {name: bad}\n"
                + "spec: {ownerAccountRef: {name: x}, accessorAccountId: 1234567890123456}\n", "-f", "-");

        assertThat(run.exit()).isEqualTo(ApplyCommand.INVALID);
        assertThat(run.out()).contains("note: <stdin>: skipped ConfigMap analytics/settings (v1)")
                .contains("spec.accessorAccountId: must be a string");
    }
}
