package io.dinplatform.worker.scoring;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.Device;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.worker.job.TrainingJobLauncher;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The batch predictions this worker scores right now, by id: the job's steps find theirs (lease, device, stop
 * signals) from the job parameter that names it.
 */
public class ActiveBatchPredictions {

    private final Map<UUID, ActiveBatchPrediction> active = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /** Registers a prediction that this worker has claimed. */
    public ActiveBatchPrediction open(BatchPrediction claimed, Device device) {
        ActiveBatchPrediction prediction = new ActiveBatchPrediction(claimed, device,
                new ScoringControl(claimed.lease()));
        active.put(prediction.id(), prediction);
        if (shuttingDown) {
            prediction.control().requestShutdown();
        }
        return prediction;
    }

    public void close(ActiveBatchPrediction prediction) {
        active.remove(prediction.id(), prediction);
    }

    /** The prediction a job execution scores: the job's instance is keyed by the prediction's id. */
    public ActiveBatchPrediction require(JobParameters parameters) {
        return require(TrainingJobLauncher.runIdOf(parameters));
    }

    /** The prediction; a job step of one that this worker does not hold must not execute. */
    public ActiveBatchPrediction require(UUID id) {
        ActiveBatchPrediction prediction = active.get(id);
        if (prediction == null) {
            throw new IllegalStateException("batch prediction " + id + " is not held by this worker: its job may "
                    + "only execute under the worker's lease");
        }
        return prediction;
    }

    /** Asks every active prediction to stop at its next chunk boundary, and every later one at once. */
    public void requestShutdown() {
        shuttingDown = true;
        active.values().forEach(prediction -> prediction.control().requestShutdown());
    }

    /** Accepts predictions again after a stop: the worker's lifecycle was stopped and started again. */
    public void resume() {
        shuttingDown = false;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }
}
