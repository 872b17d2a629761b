package io.dinplatform.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a benchmark reads about its own process and machine: CPU time, resident memory, the committed heap, the load
 * average. Resident memory and load come from /proc (Linux); elsewhere they read as NaN and "unknown".
 */
public final class ProcessMeters {

    private static final double MIB = 1024.0 * 1024.0;

    private ProcessMeters() {
    }

    /** CPU time of all this process's threads, the engine's native ones included. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmRSS of this process. */
    public static double residentMib() {
        return statusMib("VmRSS:");
    }

    /** VmHWM of this process: the peak of its resident set so far. */
    public static double peakResidentMib() {
        return statusMib("VmHWM:");
    }

    private static double statusMib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The Java heap's committed size: part of the resident memory unless the heap is fixed and pre-touched. */
    public static double committedHeapMib() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / MIB;
    }

    /** The machine's 1-minute load average. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
