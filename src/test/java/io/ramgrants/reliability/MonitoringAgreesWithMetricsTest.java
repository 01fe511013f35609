package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.observability.ObservabilityServer;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.runtime.OperatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's PrometheusRule and Grafana dashboard query only metrics a running operator exports:
 * every metric name in their expressions must appear in a scrape taken after the operator created
 * a grant's role, read an out-of-band write to it from the account's ActionTrail events and
 * corrected that drift.
 */
class MonitoringAgreesWithMetricsTest {
    private static final Path CHART = Path.of("helm/ram-grant-operator");
    private static final String MARK = "monitoring-test";
    /** A RAM user of account 0 other than the operator's key: its write is out of band. */
    private static final String CONSOLE_KEY = "LTAI-monitoring-console";
    /** Drift event feeds on, as {@code run} has them, polled every 200 ms instead of 15 s: no wait for a first poll. */
    private static final Duration EVENT_POLL = Duration.ofMillis(200);
    /** PromQL words that are not metric names. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsExported() throws Exception {
        List<String> expressions = new ArrayList<>();
        JsonNode rules = new YAMLMapper().readTree(CHART.resolve("files/prometheus-rules.yaml").toFile());
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> expressions.add(r.path("expr").asText())));
        JsonNode dashboard = new ObjectMapper().readTree(CHART.resolve("files/grafana-dashboard.json").toFile());
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("query")) {
                expressions.add(v.path("query").asText().replaceAll("^label_values\\((\\w+),.*$", "$1"));
            }
        });
        assertThat(rules.path("groups").get(0).path("rules")).as("alerts").hasSizeGreaterThanOrEqualTo(5);
        assertThat(dashboard.path("panels")).as("panels").isNotEmpty();
        assertThat(expressions).allSatisfy(e -> assertThat(e).isNotBlank());

        Set<String> queried = new TreeSet<>();
        expressions.forEach(e -> queried.addAll(metricNames(e)));
        assertThat(queried).contains("ramgrants_resources", "ramgrants_drift_detected_total",
                "ramgrants_drift_corrections_total", "ramgrants_ram_calls_seconds_count",
                "ramgrants_reconcile_seconds_bucket", "ramgrants_drift_event_feeds",
                "ramgrants_drift_event_lookups_total", "ramgrants_drift_event_out_of_band_writes_total");

        assertThat(scrapeOfARunningOperator()).containsAll(queried);
    }

    @Test
    void theTemplatesShipTheseFilesAndAreOffByDefault() throws Exception {
        assertThat(Files.readString(CHART.resolve("templates/prometheusrule.yaml")))
                .contains("kind: PrometheusRule").contains(".Files.Get \"files/prometheus-rules.yaml\"");
        assertThat(Files.readString(CHART.resolve("templates/grafana-dashboard.yaml")))
                .contains("kind: ConfigMap").contains(".Files.Get \"files/grafana-dashboard.json\"");
        JsonNode values = new YAMLMapper().readTree(CHART.resolve("values.yaml").toFile());
        assertThat(values.path("prometheusRule").path("enabled").asBoolean()).isFalse();
        assertThat(values.path("grafanaDashboard").path("enabled").asBoolean()).isFalse();
        assertThat(values.path("grafanaDashboard").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
    }

    /** Metric names of a PromQL expression: what is left without strings, label matchers, ranges, groupings, functions. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String token = m.group();
            boolean function = bare.substring(m.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    @Test
    void metricNamesIgnoreFunctionsLabelsAndGroupings() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (kind, le) (rate(a_bucket{x=\"y\", le!~\"b|c\"}[5m]))) > 30"))
                .containsExactly("a_bucket");
        assertThat(metricNames("sum(x_total) / ignoring(foo) y and on(bar) z")).containsExactly("x_total", "y", "z");
    }

    private static Set<String> scrapeOfARunningOperator() throws Exception {
        PrometheusMeterRegistry registry = ObservabilityServer.newPrometheusRegistry();
        try (RamEmulator emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK)
                .user(Fleet.accountId(0), "console", CONSOLE_KEY, MARK + "-console", "AliyunRAMFullAccess")
                .threads(2).build(), 0);
             MockCluster cluster = new MockCluster()) {
            OperatorSettings settings = MockCluster.settings(new OperatorMetrics(registry), Duration.ofMillis(500));
            cluster.startOperator(settings.withObservation(settings.observation().withDriftEvents(
                    DriftEventSettings.defaults().withPollInterval(EVENT_POLL))));
            cluster.fleetAccount(0, emulator.endpoint(), MARK);
            cluster.fleetAccount(1, emulator.endpoint(), MARK);
            DmsAccessRole grant = cluster.create(Fleet.dmsAccess("monitored", "mon-access", 0, 1));
            cluster.awaitTrue(grant);

            RamInventory.client(emulator, CONSOLE_KEY, MARK + "-console")
                    .attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("System")
                            .setPolicyName("AdministratorAccess").setRoleName("mon-access"));
            await("drift corrected").atMost(MockCluster.WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> registry.find("ramgrants.drift.corrections").counter() != null);
            await("the out-of-band write read from ActionTrail").atMost(MockCluster.WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> registry.find("ramgrants.drift.event.out.of.band.writes").counter() != null);

            Set<String> names = new TreeSet<>();
            registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add);
            return names;
        }
    }
}
