package io.dinplatform.worker.scoring;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.scoring.NewPartition;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.worker.lease.PermanentJobFailure;
import io.dinplatform.worker.lease.StopReason;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Hands a prediction's partitions out through the catalog and waits there until every one has ended: the manager
 * side of the partitioned {@code score} step, on the worker that holds the prediction's lease.
 *
 * <p>Each step execution that the splitter created becomes a queued row of {@link PredictionPartitions}; any
 * worker's {@code PartitionLoop} claims it under a lease of its own and executes the step execution. The manager
 * polls the catalog (not the job repository: a partition whose worker died is still RUNNING there until its lease
 * expires and another worker scores it again) and then returns the step executions as the job repository has them,
 * for Spring Batch to aggregate. It stops waiting when the prediction's lease is lost or its worker shuts down:
 * the prediction's next holder hands the unfinished partitions out again.
 */
class CatalogPartitionHandler implements PartitionHandler {

    private final ActiveBatchPredictions active;
    private final PredictionPartitions partitions;
    private final JobRepository jobRepository;
    private final Duration pollInterval;

    CatalogPartitionHandler(ActiveBatchPredictions active, PredictionPartitions partitions,
                            JobRepository jobRepository, Duration pollInterval) {
        this.active = active;
        this.partitions = partitions;
        this.jobRepository = jobRepository;
        this.pollInterval = pollInterval;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        ActiveBatchPrediction prediction = active.require(manager.getJobParameters());
        Set<StepExecution> handedOut = splitter.split(manager, prediction.prediction().partitions());
        handedOut.forEach(execution -> partitions.enqueue(prediction.id(), partitionOf(execution)));
        List<PredictionPartition> ended = awaitPartitions(prediction);
        if (ended.stream().anyMatch(partition -> partition.status() == JobStatus.CANCELLED)) {
            prediction.control().requestCancel(); // sooner than the prediction's own heartbeat would report it
        }
        Optional<PredictionPartition> failed = ended.stream()
                .filter(partition -> partition.status() == JobStatus.FAILED).findFirst();
        if (failed.isPresent() && prediction.control().stopReason().isEmpty()) {
            // Each partition had its own attempts already: a failure that survived them is the prediction's.
            throw new PermanentJobFailure("partition " + failed.get().index() + " failed: " + failed.get().error());
        }
        return handedOut.stream()
                .map(execution -> jobRepository.getStepExecution(execution.getJobExecutionId(), execution.getId()))
                .toList();
    }

    /** The partitions once all have ended; what they are now when the manager must stop waiting. */
    private List<PredictionPartition> awaitPartitions(ActiveBatchPrediction prediction) throws InterruptedException {
        while (true) {
            List<PredictionPartition> current = partitions.of(prediction.id());
            Optional<StopReason> stop = prediction.control().stopReason();
            boolean managerStops = stop.isPresent() && stop.get() != StopReason.CANCEL_REQUESTED;
            if (managerStops || current.stream().allMatch(partition -> partition.status().isFinal())) {
                return current;
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private static NewPartition partitionOf(StepExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        return new NewPartition(UUID.fromString(context.getString(RowRangePartitioner.PARTITION_ID)),
                context.getInt(RowRangePartitioner.INDEX), context.getLong(RowRangePartitioner.FIRST_ROW),
                context.getLong(RowRangePartitioner.ROW_COUNT), execution.getJobExecutionId(), execution.getId());
    }
}
