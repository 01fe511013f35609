package io.ramgrants.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ramgrants.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench} end to end at a tiny size, with RAM's quotas on: every JSON key is there and plausible. */
class BenchCommandTest {

    @Test
    void benchEmitsEveryJsonKey() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("bench", "--grants", "6", "--accounts", "2", "--custom-ratio", "0.34", "-o", "json");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        // The contract keys first, in this order; keys added later follow them.
        assertThat(json.fieldNames()).toIterable().startsWith("grants", "accounts", "convergenceSeconds",
                "lowerBoundSeconds", "convergenceRatio", "steadyStateCallsPerRole", "resyncSeconds", "heapMiB",
                "rssMiB", "callsByAction");
        assertThat(json.fieldNames()).toIterable().contains("convergenceCpuSeconds", "cpuMillisPerConvergeCall",
                "loadAverageBefore", "loadAverageAfter");
        assertThat(json.get("grants").asInt()).isEqualTo(6);
        assertThat(json.get("accounts").asInt()).isEqualTo(2);
        assertThat(json.get("lowerBoundSeconds").asDouble()).isPositive();
        assertThat(json.get("convergenceSeconds").asDouble()).isPositive();
        JsonNode steady = json.get("steadyStateCallsPerRole");
        assertThat(steady.get("systemOnly").asDouble()).isEqualTo(2.0);
        assertThat(steady.get("withCustomPolicy").asDouble()).isEqualTo(3.0);
        assertThat(steady.get("batch").isNumber()).isTrue();
        assertThat(json.get("heapMiB").asDouble()).isPositive();
        // The default warm-up ran (capped at the measured grants) and none of its calls is counted below.
        assertThat(json.get("warmupGrants").asInt()).isEqualTo(6);
        JsonNode converge = json.get("callsByAction").get("converge");
        assertThat(converge.get("CreateRole").asInt()).isEqualTo(converge.get("AttachPolicyToRole").asInt());
        assertThat(converge.get("CreatePolicy").asInt()).isEqualTo(2);
    }

    @Test
    void textIsTheDefaultOutput() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("bench", "--grants", "2", "--accounts", "1", "--warmup-grants", "0")).isZero();
        assertThat(out.toString()).contains("convergence:", "steady state, per-role path:", "heap after GC:",
                "measured in a cold JVM");
    }
}
