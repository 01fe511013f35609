package io.ramgrants.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    @Test
    void helpListsTheProgramAndExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("ram-grant-operator");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("no-such-command")).isEqualTo(2);
    }
}
