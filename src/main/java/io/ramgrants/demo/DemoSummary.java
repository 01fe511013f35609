package io.ramgrants.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The closing tables: each drift and how it was corrected, and the RAM calls the operator made
 * by action and account. The emulator counts every call it served; the console user's own
 * calls are subtracted so that the table shows the operator's cost alone.
 */
final class DemoSummary {
    private final List<Correction> corrections;
    private final List<DemoAccount> accounts;
    private final Map<String, Map<String, Long>> operatorCalls;
    private final long consoleCalls;

    DemoSummary(List<Correction> corrections, List<DemoAccount> accounts, Map<String, Map<String, Long>> served,
                List<ConsoleUser> consoleUsers) {
        this.corrections = List.copyOf(corrections);
        this.accounts = List.copyOf(accounts);
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        served.forEach((account, byAction) -> calls.put(account, new TreeMap<>(byAction)));
        long console = 0;
        for (ConsoleUser user : consoleUsers) {
            Map<String, Long> byAction = calls.computeIfAbsent(user.account().accountId(), a -> new TreeMap<>());
            for (Map.Entry<String, Long> call : user.calls().entrySet()) {
                byAction.merge(call.getKey(), -call.getValue(), Long::sum);
                console += call.getValue();
            }
            byAction.values().removeIf(count -> count == 0);
        }
        this.operatorCalls = calls;
        this.consoleCalls = console;
    }

    String drifts() {
        TextTable table = new TextTable("DRIFT INJECTED", "GRANT", "CORRECTED BY", "TIME TO CORRECT");
        corrections.forEach(c -> table.row(c.drift(), c.grant(), String.join(", ", c.eventReasons()),
                Narrator.seconds(c.timeToCorrect())));
        return table.render("");
    }

    String ramCalls() {
        String[] header = new String[accounts.size() + 2];
        header[0] = "RAM/STS ACTION";
        for (int i = 0; i < accounts.size(); i++) {
            header[i + 1] = accounts.get(i).name().toUpperCase(java.util.Locale.ROOT);
        }
        header[header.length - 1] = "TOTAL";
        TextTable table = new TextTable(header);
        TreeSet<String> actions = new TreeSet<>();
        operatorCalls.values().forEach(byAction -> actions.addAll(byAction.keySet()));
        long[] columnTotals = new long[accounts.size() + 1];
        for (String action : actions) {
            Object[] row = new Object[header.length];
            row[0] = action;
            long total = 0;
            for (int i = 0; i < accounts.size(); i++) {
                long count = operatorCalls.getOrDefault(accounts.get(i).accountId(), Map.of()).getOrDefault(action, 0L);
                row[i + 1] = count;
                total += count;
                columnTotals[i] += count;
            }
            row[header.length - 1] = total;
            columnTotals[accounts.size()] += total;
            table.row(row);
        }
        Object[] totals = new Object[header.length];
        totals[0] = "all actions";
        for (int i = 0; i < columnTotals.length; i++) {
            totals[i + 1] = columnTotals[i];
        }
        table.row(totals);
        return table.render("");
    }

    long consoleCalls() {
        return consoleCalls;
    }

    /** Every drift was corrected (the scenario fails otherwise), so this is the count of corrections. */
    int corrected() {
        return corrections.size();
    }
}
