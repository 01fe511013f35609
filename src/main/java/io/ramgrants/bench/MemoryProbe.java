package io.ramgrants.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** Heap in use after a full collection, the process's resident set size, CPU time and the load average. */
final class MemoryProbe {
    private static final double MIB = 1024.0 * 1024.0;

    private MemoryProbe() {}

    /** Heap used after {@code System.gc()}, in MiB. Asks twice: the first collection may leave finalizable garbage. */
    static double heapAfterGcMiB() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
    }

    /** VmRSS from {@code /proc/self/status} in MiB; empty where there is no procfs. */
    static OptionalDouble rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kib = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return OptionalDouble.of(Long.parseLong(kib) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }

    /** CPU time this process has used so far, in seconds (all threads: engine, SDK and emulator). */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** The 1-minute load average, for the record next to timings. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
