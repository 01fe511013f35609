package io.ramgrants.bench;

import io.ramgrants.emulator.RamEmulator;
import java.util.Map;
import java.util.TreeMap;

/**
 * RAM calls as the emulator counted them for one phase, per account and action, and the time
 * the account limits allow for them at best: per account, the slowest API's calls divided by
 * its quota (or all calls by the uniform rate); the slowest account decides.
 */
record CallLedger(Map<String, Map<String, Long>> byAccount) {

    /** The calls the emulator served since its counters were last reset. */
    static CallLedger served(RamEmulator emulator) {
        return new CallLedger(emulator.callCounts());
    }

    /** The calls the emulator refused with a throttle since its counters were last reset. */
    static CallLedger throttled(RamEmulator emulator) {
        return new CallLedger(emulator.faultCounts());
    }

    Map<String, Long> byAction() {
        Map<String, Long> total = new TreeMap<>();
        byAccount.values().forEach(actions -> actions.forEach((action, n) -> total.merge(action, n, Long::sum)));
        return total;
    }

    long total() {
        return byAction().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds the limits allow at best; {@code uniformRate} > 0 means one bucket per account. */
    double lowerBoundSeconds(double uniformRate, Map<String, Integer> quotas) {
        double worst = 0;
        for (Map<String, Long> actions : byAccount.values()) {
            double account = 0;
            if (uniformRate > 0) {
                account = actions.values().stream().mapToLong(Long::longValue).sum() / uniformRate;
            } else {
                for (Map.Entry<String, Long> e : actions.entrySet()) {
                    Integer quota = quotas.get(e.getKey());
                    if (quota != null) {
                        account = Math.max(account, e.getValue() / (double) quota);
                    }
                }
            }
            worst = Math.max(worst, account);
        }
        return worst;
    }
}
