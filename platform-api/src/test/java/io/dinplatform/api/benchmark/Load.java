package io.dinplatform.api.benchmark;

import java.util.Locale;

/**
 * What one load setting measured: requests answered, requests per second, latency percentiles, requests that failed,
 * and, when known, the platform process's CPU time per answered request.
 */
record Load(long requests, double throughput, double p50Millis, double p99Millis, long errors,
            double serverCpuMillisPerRequest) {

    Load withServerCpu(long cpuNanos) {
        return new Load(requests, throughput, p50Millis, p99Millis, errors, cpuNanos / 1e6 / Math.max(1, requests));
    }

    void print(String setting) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %.3f |%n", setting, throughput, p50Millis,
                p99Millis, errors, serverCpuMillisPerRequest);
    }
}
