package io.dinplatform.worker.scoring;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.registry.scoring.PredictionPartitions;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Creates a step execution for every partition of the prediction that has no scored part yet: all of them on the
 * first execution of its job; on a restart (the prediction resumed by another worker) only those that the earlier
 * executions did not finish, so a partition scored once is never scored again.
 *
 * <p>Spring Batch's {@code SimpleStepExecutionSplitter} decides by the last step execution's status instead, and
 * refuses to restart a partition left STARTED by a manager that died while a worker elsewhere was still scoring it.
 * Here the catalog decides: a partition is done when its part is recorded, and anything else is handed out afresh
 * (from its first row: a part is one staged artifact, not resumable), which also fences out a worker still scoring
 * the abandoned copy.
 */
class UnscoredPartitionSplitter implements StepExecutionSplitter {

    private final String stepName;
    private final JobRepository jobRepository;
    private final ActiveBatchPredictions active;
    private final PredictionPartitions partitions;
    private final int chunkSize;

    /**
     * @param stepName  the partition step's name; its executions are named {@code stepName:partitionN}
     * @param chunkSize the partition step's rows per chunk: partitions are made of whole chunks
     */
    UnscoredPartitionSplitter(String stepName, JobRepository jobRepository, ActiveBatchPredictions active,
                              PredictionPartitions partitions, int chunkSize) {
        this.stepName = stepName;
        this.jobRepository = jobRepository;
        this.active = active;
        this.partitions = partitions;
        this.chunkSize = chunkSize;
    }

    @Override
    public String getStepName() {
        return stepName;
    }

    /** @param gridSize ignored: the prediction names its number of partitions */
    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) {
        ActiveBatchPrediction prediction = active.require(manager.getJobParameters());
        Set<Integer> scored = partitions.of(prediction.id()).stream()
                .filter(partition -> partition.status() == JobStatus.SUCCEEDED)
                .map(PredictionPartition::index)
                .collect(Collectors.toSet());
        Map<String, ExecutionContext> contexts =
                new RowRangePartitioner(prediction.prediction().rowsTotal(), chunkSize)
                        .partition(prediction.prediction().partitions());
        JobExecution job = manager.getJobExecution();
        Set<StepExecution> unscored = new LinkedHashSet<>();
        contexts.forEach((name, context) -> {
            if (!scored.contains(context.getInt(RowRangePartitioner.INDEX))) {
                StepExecution execution = jobRepository.createStepExecution(stepName + ":" + name, job);
                execution.setExecutionContext(context);
                jobRepository.updateExecutionContext(execution);
                unscored.add(execution);
            }
        });
        return unscored;
    }
}
