package io.dinplatform.worker.scoring;

import io.dinplatform.registry.scoring.BatchPredictionRepository;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Records a prediction's progress with every chunk, inside the chunk's transaction: the rows scored are the rows the
 * reader had handed out when the chunk began (saved with the last commit, and so carried over a restart) plus this
 * chunk's. A progress write that the lease no longer allows means another worker owns the prediction: the job stops
 * at the boundary.
 */
class ScoringProgress implements ChunkListener<DatasetRow, DatasetRow> {

    private static final String ROWS_READ = DatasetRowReader.NAME + ".read.count";

    private final BatchPredictionRepository predictions;
    private final ActiveBatchPredictions active;

    ScoringProgress(BatchPredictionRepository predictions, ActiveBatchPredictions active) {
        this.predictions = predictions;
        this.active = active;
    }

    @Override
    public void afterChunk(Chunk<DatasetRow> chunk) {
        StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
        ActiveBatchPrediction prediction = active.require(step.getJobParameters());
        long scored = (long) step.getExecutionContext().getInt(ROWS_READ, 0) + chunk.size();
        if (!predictions.recordProgress(prediction.lease(), scored)) {
            prediction.control().leaseLost();
        }
    }
}
