package io.ramgrants.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.cli.EmulatorCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmulatorCommandTest {
    @Test
    void optionsBecomeTheConfiguration() {
        EmulatorCommand command = new EmulatorCommand();
        new CommandLine(command).parseArgs("--port", "0", "--account", "1111111111111111=AK1:sec:ret",
                "--account", "2222222222222222=AK2:s2", "--fault-throttle", "0.25", "--fault-5xx", "0.1",
                "--fault-lost-reply", "0.2", "--latency-ms", "3", "--rate", "50", "--ram-quotas", "--seed", "42");
        EmulatorConfig config = command.config();
        assertThat(config.accounts()).containsExactly(
                new EmulatorConfig.AccountKey("1111111111111111", "AK1", "sec:ret"),
                new EmulatorConfig.AccountKey("2222222222222222", "AK2", "s2"));
        assertThat(config.faults()).isEqualTo(new FaultSettings(0.25, 0.1, 3, 0.2));
        assertThat(config.rate()).isEqualTo(50.0);
        assertThat(config.ramQuotas()).isTrue();
        assertThat(config.seed()).isEqualTo(42L);
    }

    @Test
    void ramUsersAndOidcProvidersFromTheCommandLine() {
        EmulatorCommand command = new EmulatorCommand();
        new CommandLine(command).parseArgs("--account", "1111111111111111=AK1:s1",
                "--user", "1111111111111111:ram-grant-operator=AKU:se:cret@AliyunRAMFullAccess,AliyunSTSAssumeRoleAccess",
                "--user", "2222222222222222:reader=AKR:s3",
                "--oidc-provider", "1111111111111111:ack-rrsa=sts.aliyuncs.com,other");
        EmulatorConfig config = command.config();
        assertThat(config.users()).containsExactly(
                new EmulatorConfig.UserKey("1111111111111111", "ram-grant-operator", "AKU", "se:cret",
                        java.util.List.of("AliyunRAMFullAccess", "AliyunSTSAssumeRoleAccess")),
                new EmulatorConfig.UserKey("2222222222222222", "reader", "AKR", "s3", java.util.List.of()));
        assertThat(config.oidcProviders()).containsExactly(new EmulatorConfig.OidcProvider("1111111111111111", "ack-rrsa",
                java.util.List.of("sts.aliyuncs.com", "other")));
        for (String bad : new String[]{"1111111111111111=AKU:s", "1111111111111111:u=AKU", "1111111111111111:u=AKU:s@NoSuchPolicy",
                "1111111111111111:u=AK1:s"}) {
            EmulatorCommand c = new EmulatorCommand();
            new CommandLine(c).parseArgs("--account", "1111111111111111=AK1:s1", "--user", bad);
            assertThatThrownBy(c::config).as(bad).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageNotContaining("s1");
        }
    }

    @Test
    void malformedAccountOrFractionIsAUsageError() {
        for (String[] args : new String[][]{{"--account", "AK1:s1"}, {"--account", "1=AK1"},
                {"--account", "1=AK1:s", "--fault-throttle", "1.5"},
                {"--account", "1=AK1:s", "--fault-5xx", "0.5", "--fault-lost-reply", "0.6"}}) {
            EmulatorCommand command = new EmulatorCommand();
            new CommandLine(command).parseArgs(args);
            assertThatThrownBy(command::config).isInstanceOf(CommandLine.ParameterException.class);
        }
    }

    @Test
    void helpDescribesTheFlags() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new EmulatorCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--account", "--fault-throttle", "--fault-5xx", "--fault-lost-reply", "--latency-ms", "--rate",
                "--ram-quotas", "--seed", "--port");
    }
}
