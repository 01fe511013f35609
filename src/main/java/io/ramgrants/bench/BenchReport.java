package io.ramgrants.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark measured. The JSON keys are a contract (BENCHMARKS.md and scripts read
 * them); the text form adds the context a reader needs (limits, roles, load average).
 *
 * @param convergenceCpuSeconds CPU time of the whole process (engine, SDK and emulator) while converging:
 *                      when it approaches the cores available, the run is CPU-bound, not quota-bound
 * @param warmupGrants  grants converged, resynced and deleted in other accounts before the measured phases
 *                      (0: the convergence was measured in a cold JVM); {@code warmupSeconds} their wall time
 * @param callsByAction per phase ({@code converge}, {@code throttledWhileConverging},
 *                      {@code resyncSystemOnly}, {@code resyncWithCustomPolicy}, {@code resyncBatch} summed over its measured resyncs),
 *                      calls by RAM action summed over accounts
 */
public record BenchReport(
        int grants,
        int accounts,
        int roles,
        String limits,
        double convergenceSeconds,
        double convergenceCpuSeconds,
        double lowerBoundSeconds,
        SteadyState steadyState,
        double resyncSeconds,
        Double batchResyncSeconds,
        double heapMiB,
        double heapWithEmulatorMiB,
        Double rssMiB,
        Map<String, Map<String, Long>> callsByAction,
        int unconvergedUnits,
        double loadAverageBefore,
        double loadAverageAfter,
        SlowAccount slowAccount,
        int warmupGrants,
        double warmupSeconds) {

    /**
     * With {@code --slow-account-latency-ms}: when the last grant touching the slow account and the
     * last of the other grants became Ready, seconds after the grants were created.
     */
    public record SlowAccount(String accountId, long latencyMs, int slowGrants, int otherGrants, double slowSeconds,
                              double othersSeconds, int reconcileThreads, int reconcilesPerAccount) {}

    /**
     * Steady-state RAM calls per role and resync: per-role observation of system-only roles and of
     * roles with a custom policy, and batch observation of all roles ({@code null} when not measured).
     */
    public record SteadyState(double systemOnly, int systemOnlyRoles, double withCustomPolicy, int withCustomPolicyRoles,
                              Double batch, double batchRolesPerAccount) {}

    public double convergenceRatio() {
        return lowerBoundSeconds > 0 ? convergenceSeconds / lowerBoundSeconds : Double.NaN;
    }

    /** Process CPU (client, engine and emulator) per RAM call served while converging, in ms. */
    public double cpuMillisPerConvergeCall() {
        long calls = callsByAction.getOrDefault("converge", Map.of()).values().stream().mapToLong(Long::longValue).sum();
        return calls > 0 ? 1000 * convergenceCpuSeconds / calls : Double.NaN;
    }

    public String toJson() {
        Map<String, Object> steady = new LinkedHashMap<>();
        steady.put("systemOnly", round(steadyState.systemOnly()));
        steady.put("withCustomPolicy", round(steadyState.withCustomPolicy()));
        steady.put("batch", steadyState.batch() == null ? null : round(steadyState.batch()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("grants", grants);
        json.put("accounts", accounts);
        json.put("convergenceSeconds", round(convergenceSeconds));
        json.put("lowerBoundSeconds", round(lowerBoundSeconds));
        json.put("convergenceRatio", Double.isNaN(convergenceRatio()) ? null : round(convergenceRatio()));
        json.put("steadyStateCallsPerRole", steady);
        json.put("resyncSeconds", round(resyncSeconds));
        json.put("heapMiB", round(heapMiB));
        json.put("rssMiB", rssMiB == null ? null : round(rssMiB));
        json.put("callsByAction", callsByAction);
        // Added keys: what a timing depends on (CPU per call, the machine's load), so runs compare.
        json.put("convergenceCpuSeconds", round(convergenceCpuSeconds));
        json.put("cpuMillisPerConvergeCall", round(cpuMillisPerConvergeCall()));
        json.put("loadAverageBefore", round(loadAverageBefore));
        json.put("loadAverageAfter", round(loadAverageAfter));
        json.put("warmupGrants", warmupGrants);
        json.put("warmupSeconds", round(warmupSeconds));
        if (slowAccount != null) {
            json.put("slowAccount", slowAccount);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers always serialises", e);
        }
    }

    public String toText() {
        StringBuilder out = new StringBuilder();
        line(out, "grants / accounts / roles", grants + " / " + accounts + " / " + roles);
        line(out, "limits", limits);
        line(out, "load average (1 min)", f("%.2f before, %.2f after", loadAverageBefore, loadAverageAfter));
        line(out, "warm-up (not measured)", warmupGrants == 0 ? "none: convergence measured in a cold JVM"
                : f("%d grants in other accounts converged, resynced %d times and deleted in %.2f s", warmupGrants,
                        WarmUp.RESYNCS, warmupSeconds));
        line(out, "convergence", f("%.2f s (lower bound %.2f s, ratio %.2f)", convergenceSeconds, lowerBoundSeconds,
                convergenceRatio()));
        line(out, "CPU while converging", f("%.1f s of this process (%.2f cores on average, %.2f ms per RAM call;"
                        + " the emulator included)", convergenceCpuSeconds, convergenceCpuSeconds / convergenceSeconds,
                cpuMillisPerConvergeCall()));
        if (unconvergedUnits > 0) {
            line(out, "NOT CONVERGED", unconvergedUnits + " reconcile unit(s)");
        }
        if (slowAccount != null) {
            line(out, "slow account", f("%s, +%d ms per RAM call, %d reconcile threads, %d per account",
                    slowAccount.accountId(), slowAccount.latencyMs(), slowAccount.reconcileThreads(),
                    slowAccount.reconcilesPerAccount()));
            line(out, "grants on the slow account", f("%d, all Ready after %.2f s", slowAccount.slowGrants(),
                    slowAccount.slowSeconds()));
            line(out, "the other grants", f("%d, all Ready after %.2f s", slowAccount.otherGrants(),
                    slowAccount.othersSeconds()));
        }
        line(out, "steady state, per-role path", f("%.3f calls/role system-only (%d roles), %.3f with custom policy (%d roles)",
                steadyState.systemOnly(), steadyState.systemOnlyRoles(), steadyState.withCustomPolicy(),
                steadyState.withCustomPolicyRoles()));
        if (steadyState.batch() != null) {
            line(out, "steady state, batch path", f("%.3f calls/role (%.0f roles per account)", steadyState.batch(),
                    steadyState.batchRolesPerAccount()));
        }
        line(out, "full resync, per-role path", f("%.2f s", resyncSeconds));
        if (batchResyncSeconds != null) {
            line(out, "full resync, batch path", f("%.2f s", batchResyncSeconds));
        }
        line(out, "heap after GC", f("%.1f MiB operator side, %.1f MiB with the emulator's state", heapMiB,
                heapWithEmulatorMiB));
        line(out, "RSS", rssMiB == null ? "n/a" : f("%.1f MiB", rssMiB));
        callsByAction.forEach((phase, actions) -> line(out, "calls " + phase, actions.toString()));
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-30s %s%n", label + ":", value));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
