package io.dinplatform.api.benchmark;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.dinplatform.tools.bench.CompilerThreadsCpu;
import io.dinplatform.tools.bench.ProcessMeters;

/**
 * A concurrent HTTP load from another process against the platform started in this one, after an unmeasured
 * warm-up, with this process's CPU time over the measured part: the platform's CPU per request. wrk drives it where
 * chosen (its event loop's CPU per request is a fraction of a JDK client's, and on a small machine the client shares
 * the platform's cores; the JDK client's own CPU and the slower rate it drove inflated the CPU per request of cheap
 * requests), else {@link HttpLoad}.
 *
 * @param wrkThreads    wrk's threads; 0 drives the load with {@link HttpLoad}
 * @param warmupSeconds unmeasured, before each measurement
 * @param seconds       measured
 */
record ExternalLoad(int wrkThreads, int warmupSeconds, int seconds) {

    /**
     * @param bodies one JSON body per line to post, or null for GET requests
     */
    Load measure(URI target, Path bodies, int connections) throws Exception {
        if (wrkThreads == 0) {
            return HttpLoad.fromItsOwnProcess(target, bodies, connections, warmupSeconds, seconds);
        }
        WrkLoad wrk = WrkLoad.prepare(bodies == null ? List.of() : Files.readAllLines(bodies), wrkThreads)
                .orElseThrow(() -> new IllegalStateException("wrk is not installed (Debian: apt-get install wrk); "
                        + "--load java drives the load with the JDK's HTTP client instead"));
        drive(wrk, target, bodies != null, connections, warmupSeconds);
        long cpu = ProcessMeters.processCpuNanos();
        CompilerThreadsCpu compiling = CompilerThreadsCpu.now();
        Load measured = drive(wrk, target, bodies != null, connections, seconds);
        return measured.withServerCpu(ProcessMeters.processCpuNanos() - cpu,
                CompilerThreadsCpu.now().nanosSince(compiling));
    }

    private static Load drive(WrkLoad wrk, URI target, boolean post, int connections, int seconds) throws Exception {
        return post ? wrk.drive(target, connections, seconds) : wrk.get(target, connections, seconds);
    }
}
