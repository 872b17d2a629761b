package io.dinplatform.api.benchmark;

import java.util.Locale;

/**
 * What one load setting measured: requests answered, requests per second, latency percentiles, requests that failed,
 * and, when known, the platform process's CPU time per answered request, and the part of it its JIT compiler's
 * threads took (NaN when not measured).
 */
record Load(long requests, double throughput, double p50Millis, double p99Millis, long errors,
            double serverCpuMillisPerRequest, double compilerCpuMillisPerRequest) {

    Load(long requests, double throughput, double p50Millis, double p99Millis, long errors,
         double serverCpuMillisPerRequest) {
        this(requests, throughput, p50Millis, p99Millis, errors, serverCpuMillisPerRequest, Double.NaN);
    }

    Load withServerCpu(long cpuNanos) {
        return new Load(requests, throughput, p50Millis, p99Millis, errors, perRequest(cpuNanos));
    }

    /** With the platform's CPU time over the measurement, and its compiler threads' part of it. */
    Load withServerCpu(long cpuNanos, long compilerNanos) {
        return new Load(requests, throughput, p50Millis, p99Millis, errors, perRequest(cpuNanos),
                perRequest(compilerNanos));
    }

    /** The platform's CPU per request without its compiler threads': what a long-running process pays. */
    double steadyCpuMillisPerRequest() {
        return serverCpuMillisPerRequest - (Double.isNaN(compilerCpuMillisPerRequest) ? 0
                : compilerCpuMillisPerRequest);
    }

    private double perRequest(long nanos) {
        return nanos / 1e6 / Math.max(1, requests);
    }

    void print(String setting) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %.3f |%n", setting, throughput, p50Millis,
                p99Millis, errors, serverCpuMillisPerRequest);
    }
}
