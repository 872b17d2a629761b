package io.dinplatform.worker;

import java.nio.file.Path;
import java.time.Duration;

import io.dinplatform.core.device.DeviceChoice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The training worker ({@code din.worker.*}).
 *
 * @param enabled            run a worker in this process ({@code din.worker.enabled}; the worker application sets it)
 * @param embedded           run a worker inside platform-api ({@code din.worker.embedded}); unset means: when the
 *                           database is the embedded one (standalone mode)
 * @param id                 the name the worker claims runs under; empty means host:pid
 * @param device             what this worker trains on: AUTO (a GPU when the engine sees one), CPU or GPU
 * @param leaseDuration      how long a claim lasts without a heartbeat before another worker may take the run over
 * @param heartbeatInterval  how often a running job renews its lease (and learns of a cancellation)
 * @param pollInterval       how long an idle worker waits before looking for queued runs again
 * @param maxAttempts        how many claims a run gets before a failure is final
 * @param progressEverySteps how many mini-batches between two progress points of a running job
 * @param shutdownTimeout    how long a stopping worker waits for its job to reach a mini-batch boundary
 * @param engineThreads      the PyTorch engine's intra-op threads, set on the thread of every step; 0 (the
 *                           default) means one per processor this JVM may use, which honours a container's CPU
 *                           limit. A CPU run is reproducible bit for bit for a fixed count, so workers that may
 *                           resume each other's runs should agree on it
 * @param livenessFile       a file the worker touches after every renewal of its presence, for a supervisor's
 *                           health check (the worker application serves no HTTP); unset means none
 */
@ConfigurationProperties("din.worker")
public record WorkerProperties(
        @DefaultValue("false") boolean enabled,
        Boolean embedded,
        String id,
        @DefaultValue("AUTO") DeviceChoice device,
        @DefaultValue("60s") Duration leaseDuration,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("50") int progressEverySteps,
        @DefaultValue("60s") Duration shutdownTimeout,
        @DefaultValue("0") int engineThreads,
        Path livenessFile) {

    public WorkerProperties {
        if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("din.worker.heartbeat-interval (" + heartbeatInterval
                    + ") must be shorter than din.worker.lease-duration (" + leaseDuration + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("din.worker.max-attempts must be at least 1, got " + maxAttempts);
        }
        if (engineThreads < 0) {
            throw new IllegalArgumentException("din.worker.engine-threads must be 0 (one per processor) or positive, "
                    + "got " + engineThreads);
        }
        if (progressEverySteps < 1) {
            throw new IllegalArgumentException("din.worker.progress-every-steps must be at least 1, got "
                    + progressEverySteps);
        }
    }

    /** The engine's intra-op threads to use: the configured count, or one per available processor. */
    public int resolvedEngineThreads() {
        return engineThreads > 0 ? engineThreads : Runtime.getRuntime().availableProcessors();
    }
}
