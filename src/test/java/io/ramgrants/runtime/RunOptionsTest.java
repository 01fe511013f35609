package io.ramgrants.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.cli.RunCommand;
import io.ramgrants.engine.batch.ObservationMode;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.accounts.EndpointAllowList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunOptionsTest {
    private static RunOptions parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void theFlagsTheHelmChartPassesBecomeSettings() {
        RunOptions options = parse("--leader-election-namespace=ram-system", "--watch-namespaces=team-a,team-b",
                "--label-selector=shard=a", "--resync-period=2m", "--ram-rate=5", "--log-format=json");
        OperatorSettings settings = options.settings(OperatorMetrics.discarding(), "pod-ns", "client-ns");

        assertThat(settings.watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(settings.labelSelector()).isEqualTo("shard=a");
        assertThat(settings.resyncPeriod()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.ram().qps()).isEqualTo(5);
        assertThat(settings.ram().ramQuotas()).isFalse();
        assertThat(parse("--ram-rate=quotas").settings(OperatorMetrics.discarding(), "pod-ns", null).ram().ramQuotas())
                .isTrue();
        assertThat(settings.leaderElection()).hasValue(
                new OperatorSettings.LeaderElection(RunOptions.DEFAULT_LEASE_NAME, "ram-system"));
        assertThat(options.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(options.metricsPort()).isEqualTo(8080);
    }

    @Test
    void defaultsWatchEverythingWithLeaderElectionInThePodNamespace() {
        OperatorSettings settings = parse().settings(OperatorMetrics.discarding(), "pod-ns", "client-ns");

        assertThat(settings.watchNamespaces()).isEmpty();
        assertThat(settings.labelSelector()).isNull();
        assertThat(settings.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.ram().ramQuotas()).as("RAM's per-API quotas unless --ram-rate names a number").isTrue();
        assertThat(settings.ram()).isEqualTo(OperatorSettings.defaults(OperatorMetrics.discarding()).ram());
        assertThat(settings.leaderElection().map(OperatorSettings.LeaderElection::leaseNamespace)).hasValue("pod-ns");
        assertThat(parse().logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(settings.observation()).as("run reads drift events from ActionTrail by default")
                .isEqualTo(ObservationSettings.defaults().withDriftEvents(DriftEventSettings.defaults()));
        assertThat(settings.concurrency()).isEqualTo(new OperatorSettings.Concurrency(20, 5));
    }

    @Test
    void driftEventFlags() {
        OperatorSettings settings = parse("--drift-events=off", "--drift-event-interval=30s")
                .settings(OperatorMetrics.discarding(), "pod-ns", null);
        assertThat(settings.observation().driftEvents())
                .isEqualTo(new DriftEventSettings(DriftEventSettings.Source.OFF, Duration.ofSeconds(30),
                        DriftEventSettings.DEFAULT_OVERLAP));
        assertThatThrownBy(() -> parse("--drift-events=sls")).hasMessageContaining("actiontrail or off");
    }

    @Test
    void observationAndConcurrencyFlags() {
        OperatorSettings settings = parse("--observation=per-role", "--full-sweep-period=2h", "--reconcile-threads=8")
                .settings(OperatorMetrics.discarding(), "pod-ns", null);

        assertThat(settings.observation().mode()).isEqualTo(ObservationMode.PER_ROLE);
        assertThat(settings.observation().fullSweepPeriod()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.observation().autoThreshold()).isEqualTo(ObservationSettings.DEFAULT_AUTO_THRESHOLD);
        assertThat(settings.concurrency()).isEqualTo(new OperatorSettings.Concurrency(8, 2));
        assertThat(parse("--observation=batch").observation()).isEqualTo(ObservationMode.BATCH);
        assertThat(parse("--reconcile-threads=1").settings(OperatorMetrics.discarding(), "ns", null).concurrency())
                .isEqualTo(new OperatorSettings.Concurrency(1, 1));
    }

    @Test
    void leaderElectionCanBeTurnedOffAndNeedsANamespaceOtherwise() {
        assertThat(parse("--no-leader-election", "--secret-namespace=ops")
                .settings(OperatorMetrics.discarding(), null, null).leaderElection())
                .isEqualTo(Optional.empty());
        assertThatThrownBy(() -> parse().settings(OperatorMetrics.discarding(), null, null))
                .hasMessageContaining("--leader-election-namespace");
        assertThat(parse("--leader-election-name=shard-a").settings(OperatorMetrics.discarding(), null, "ns")
                .leaderElection()).hasValue(new OperatorSettings.LeaderElection("shard-a", "ns"));
    }

    @Test
    void accountGuardsComeFromTheirFlagsAndSecretsDefaultToTheOperatorsNamespace() {
        OperatorSettings defaults = parse().settings(OperatorMetrics.discarding(), "pod-ns", "client-ns");
        assertThat(defaults.accountGuards().secretNamespaces()).containsExactly("pod-ns");
        assertThat(defaults.accountGuards().endpoints()).isEqualTo(EndpointAllowList.defaults());

        OperatorSettings set = parse("--secret-namespace=team-a", "--secret-namespace=team-b",
                "--allow-endpoint-host=ram-proxy.example.com", "--allow-endpoint-host=*.sts.example.com",
                "--allow-token-dir=/var/run/tokens").settings(OperatorMetrics.discarding(), "pod-ns", null);
        assertThat(set.accountGuards().secretNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(set.accountGuards().endpoints().allowsHost("ram-proxy.example.com")).isTrue();
        assertThat(set.accountGuards().endpoints().allowsHost("a.sts.example.com")).isTrue();
        assertThat(set.accountGuards().endpoints().allowsHost("evil.example.com")).isFalse();
        assertThat(set.accountGuards().tokenDirectories().directories()).contains(Path.of("/var/run/tokens"));

        assertThat(parse("--secret-namespace=*").settings(OperatorMetrics.discarding(), "pod-ns", null)
                .accountGuards().allowsSecretNamespace("anywhere")).isTrue();
        assertThatThrownBy(() -> parse("--allow-endpoint-host=*")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("too wide");
        assertThatThrownBy(() -> parse("--allow-endpoint-host=https://x.example.com/"))
                .hasMessageContaining("--allow-endpoint-host");
        assertThatThrownBy(() -> parse("--secret-namespace=Bad_NS").settings(OperatorMetrics.discarding(), "p", null))
                .hasMessageContaining("--secret-namespace");
    }

    @Test
    void badValuesAreRejected() {
        assertThatThrownBy(() -> parse("--resync-period=soon")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--log-format=xml")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--ram-rate=0")).hasMessageContaining("--ram-rate");
        assertThatThrownBy(() -> parse("--observation=sometimes")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--reconcile-threads=0")).hasMessageContaining("--reconcile-threads");
        assertThatThrownBy(() -> parse("--full-sweep-period=0s")).hasMessageContaining("--full-sweep-period");
    }
}
