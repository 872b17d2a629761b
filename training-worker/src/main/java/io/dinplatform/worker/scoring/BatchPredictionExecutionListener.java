package io.dinplatform.worker.scoring;

import io.dinplatform.registry.scoring.BatchPredictionRepository;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Ties a job execution to its prediction before it starts, so that the prediction shows where it executes. */
class BatchPredictionExecutionListener implements JobExecutionListener {

    private final ActiveBatchPredictions active;
    private final BatchPredictionRepository predictions;

    BatchPredictionExecutionListener(ActiveBatchPredictions active, BatchPredictionRepository predictions) {
        this.active = active;
        this.predictions = predictions;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ActiveBatchPrediction prediction = active.require(execution.getJobParameters());
        if (!predictions.recordExecution(prediction.lease(), execution.getId())) {
            prediction.control().leaseLost();
        }
    }
}
